import { writeFigures } from '@paychart/bench-kit'
import { bundleFigures } from './bundle-figures.js'
import { durableWebhookFigures } from './durable-webhook.js'

writeFigures(new URL('..', import.meta.url), [...(await bundleFigures()), ...(await durableWebhookFigures())])
