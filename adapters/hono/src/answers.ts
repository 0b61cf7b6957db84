import { NOTIFICATION_ACK_BODY } from '@paychart/antom'

/** The fixed acknowledgement the gateway expects once a notification is durably recorded. */
export const ACK_BODY: string = NOTIFICATION_ACK_BODY

/** A non-success answer to the gateway: it will deliver the notification again. */
export interface AntomAnswer {
  readonly status: 400 | 401 | 404 | 409 | 413 | 500
  readonly body: string
}

export const antomAnswer = (
  status: AntomAnswer['status'],
  resultCode: string,
  resultMessage: string,
  resultStatus: 'F' | 'U' = 'F',
): AntomAnswer => ({ status, body: JSON.stringify({ result: { resultCode, resultStatus, resultMessage } }) })

export const answerResponse = ({ status, body }: AntomAnswer): Response =>
  new Response(body, { status, headers: { 'content-type': 'application/json' } })
