export { formatTimeline } from './format.js'
export { demoPayment, runTimeline, type TimelineRow } from './timeline.js'
