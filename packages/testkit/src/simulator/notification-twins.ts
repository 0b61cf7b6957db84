import type { TamperField } from './faults.js'
import type { NotificationRecord } from './notification-records.js'
import { type Ctx, nextSequence } from './state.js'
import { tamperBody } from './tamper.js'

/**
 * A lying twin of a notification just queued: the same type, endpoint, url and payment, due at the same time and
 * ordered just before it, its body's `field` altered. An ordinary notification from then on (delivery, retries,
 * acknowledgement), marked `tampered`. Undefined when the body has no such field.
 */
export const tamperedTwin = (
  ctx: Ctx,
  record: NotificationRecord,
  field: TamperField,
): NotificationRecord | undefined => {
  const told = tamperBody(record.body, field, (id) => ctx.state.paymentRequestIdById.has(id), 'notification')
  if (told.tampered === undefined) return undefined
  return {
    ...record,
    notificationId: ctx.config.ids('notification'),
    seq: nextSequence(ctx.state),
    body: told.body,
    order: record.order - 0.5,
    attempts: [],
    tampered: told.tampered,
  }
}
