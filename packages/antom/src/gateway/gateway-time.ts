import type { Notification } from '../schemas/index.js'

/**
 * When the gateway says it acted (`paymentTime`, `captureTime` or `refundTime`), in epoch ms; undefined when the
 * notification does not say. Its distance to the moment paychart learns of it is the notification's lag.
 */
export const gatewayTimeOf = (notification: Notification): number | undefined => {
  const text =
    'paymentTime' in notification
      ? notification.paymentTime
      : 'captureTime' in notification
        ? notification.captureTime
        : 'refundTime' in notification
          ? notification.refundTime
          : undefined
  const time = text === undefined ? Number.NaN : Date.parse(text)
  return Number.isFinite(time) ? time : undefined
}
