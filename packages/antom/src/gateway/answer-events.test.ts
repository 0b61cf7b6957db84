import { applyEvents, type GatewayCommand, type PaymentEvent, startPayment, stateOf } from '@paychart/core/machine'
import { resultCodeError } from '@paychart/core/result-codes'
import { Effect } from 'effect'
import { describe, expect, it } from 'vitest'
import { decodeEndpointResponse, type Endpoint, WireEncodeError } from '../schemas/index.js'
import { OutcomeUnknown, RequestNotSent } from '../transport.js'
import { answerEvent, failureEvent } from './answer-events.js'

const at = Date.UTC(2026, 10, 22)
const usd = (minor: number) => ({ currency: 'USD' as const, minor })
const pay = (paymentMethodType: string): GatewayCommand => ({
  kind: 'pay',
  paymentRequestId: 'PAY-1',
  amount: usd(1_000),
  paymentMethodType,
  captureMode: 'MANUAL',
  attempt: 1,
})
const decode = (endpoint: Endpoint, json: object) =>
  Effect.runSync(decodeEndpointResponse(endpoint, JSON.stringify(json)))

const inProcess = { resultCode: 'PAYMENT_IN_PROCESS', resultStatus: 'U', resultMessage: 'in process' }
const success = { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' }

/** Where the real machine goes with this event after submitting a card payment with manual capture. */
const machineAfter = (paymentMethodType: string, event: PaymentEvent) =>
  stateOf(
    applyEvents(
      startPayment({ paymentRequestId: 'PAY-1', amount: usd(1_000), paymentMethodType, captureMode: 'MANUAL' })
        .snapshot,
      [{ type: 'SUBMIT', at }, event],
    ).snapshot,
  )

describe('gateway answers as machine events', () => {
  it('reads a card PAYMENT_IN_PROCESS with a URL as a 3DS challenge, a wallet one as a redirect', () => {
    const answer = decode('pay', { result: inProcess, paymentId: 'P1', normalUrl: 'https://sim/3ds/P1' })
    const card = answerEvent(pay('CARD'), answer, at)
    expect(card).toMatchObject({
      type: 'PAY_ANSWERED',
      paymentId: 'P1',
      nextAction: { kind: 'threeDS', url: 'https://sim/3ds/P1' },
    })
    expect(answerEvent(pay('ALIPAY_CN'), answer, at)).toMatchObject({ nextAction: { kind: 'redirect' } })
    expect(machineAfter('CARD', card)).toBe('awaitingCustomer')
  })

  it('sends no customer to a page that is not http(s): the outcome is reconciled instead', () => {
    const scriptOnly = decode('pay', { result: inProcess, paymentId: 'P1', normalUrl: 'javascript:alert(1)' })
    const event = answerEvent(pay('CARD'), scriptOnly, at)
    expect(event).toMatchObject({ type: 'GATEWAY_UNANSWERED', operation: 'pay', reason: 'unverified' })
    expect(machineAfter('CARD', event)).toBe('reconciling')
    const app = decode('pay', {
      result: inProcess,
      paymentId: 'P1',
      schemeUrl: 'alipays://platformapi/startapp',
      normalUrl: 'https://wallet.example/pay',
    })
    expect(answerEvent(pay('ALIPAY_CN'), app, at)).toMatchObject({
      nextAction: { kind: 'redirect', url: 'https://wallet.example/pay' },
    })
  })

  it('reads an OTP paymentActionForm as an OTP step', () => {
    const answer = decode('pay', {
      result: inProcess,
      paymentId: 'P1',
      paymentActionForm: '{"paymentActionFormType":"OTP"}',
    })
    const event = answerEvent(pay('OTP_WALLET'), answer, at)
    expect(event).toMatchObject({ nextAction: { kind: 'otp' } })
    expect(machineAfter('OTP_WALLET', event)).toBe('awaitingOtp')
  })

  it('carries amounts as Money and an inquiry’s capture transaction, by its request id', () => {
    const answer = decode('inquiryPayment', {
      result: success,
      paymentStatus: 'SUCCESS',
      paymentAmount: { currency: 'USD', value: '1000' },
      transactions: [
        {
          transactionType: 'CAPTURE',
          transactionStatus: 'SUCCESS',
          transactionRequestId: 'CAP-1',
          transactionAmount: { currency: 'USD', value: '1000' },
        },
      ],
    })
    const event = answerEvent({ kind: 'inquiryPayment', paymentRequestId: 'PAY-1' }, answer, at)
    expect(event).toMatchObject({
      paymentStatus: 'SUCCESS',
      amount: usd(1_000),
      capture: { status: 'SUCCESS', amount: usd(1_000), captureRequestId: 'CAP-1' },
    })
    expect(machineAfter('CARD', event)).toBe('captured')
  })

  it('keys capture and refund answers by their request ids', () => {
    const capture = answerEvent(
      { kind: 'capture', paymentRequestId: 'PAY-1', captureRequestId: 'C1', amount: usd(1_000) },
      decode('capture', { result: success, captureAmount: { currency: 'USD', value: '1000' } }),
      at,
    )
    expect(capture).toMatchObject({ type: 'CAPTURE_ANSWERED', captureRequestId: 'C1', amount: usd(1_000) })
    const refund = answerEvent(
      { kind: 'inquiryRefund', refundRequestId: 'R1' },
      decode('inquiryRefund', { result: success, refundStatus: 'SUCCESS' }),
      at,
    )
    expect(refund).toMatchObject({ type: 'REFUND_INQUIRY_ANSWERED', refundRequestId: 'R1', refundStatus: 'SUCCESS' })
  })
})

describe('failed calls as machine events', () => {
  it('turns a typed result code into the answer it is', () => {
    const event = failureEvent(pay('CARD'), resultCodeError('pay', 'DO_NOT_HONOR', 'declined'), at)
    expect(event).toMatchObject({ type: 'PAY_ANSWERED', result: { resultStatus: 'F', resultCode: 'DO_NOT_HONOR' } })
    expect(machineAfter('CARD', event)).toBe('failed')
  })

  it("keeps what a decline's answer tells of the card, its result read as its typed error reads it", () => {
    const declined = { resultCode: 'DO_NOT_HONOR', resultStatus: 'F', resultMessage: '' }
    const answer = decode('pay', {
      result: declined,
      paymentId: 'P1',
      paymentResultInfo: { cardBrand: 'VISA', lastFour: '4822', avsResultRaw: 'N', cvvResultRaw: 'N' },
    })
    const event = answerEvent(pay('CARD'), answer, at)
    const typed = failureEvent(pay('CARD'), resultCodeError('pay', 'DO_NOT_HONOR', ''), at)
    expect(event).toMatchObject({
      type: 'PAY_ANSWERED',
      result: 'result' in typed ? typed.result : {},
      card: { brand: 'VISA', lastFour: '4822', avsResult: 'N', cvvResult: 'N' },
    })
    expect(machineAfter('CARD', event)).toBe('failed')
  })

  it('leaves the outcome unknown when no trustworthy answer came: the machine reconciles', () => {
    const timeout = failureEvent(pay('CARD'), new OutcomeUnknown({ url: 'u', reason: 'timeout', detail: 'd' }), at)
    expect(timeout).toMatchObject({ type: 'GATEWAY_UNANSWERED', operation: 'pay', reason: 'timeout' })
    expect(machineAfter('CARD', timeout)).toBe('reconciling')
    const refused = failureEvent(
      { kind: 'capture', paymentRequestId: 'PAY-1', captureRequestId: 'C1', amount: usd(1) },
      new RequestNotSent({ url: 'u', reason: 'ECONNREFUSED' }),
      at,
    )
    expect(refused).toMatchObject({ operation: 'capture', requestId: 'C1', reason: 'network' })
  })

  it('answers a request that could not be encoded as PARAM_ILLEGAL, never sent', () => {
    const event = failureEvent(
      pay('CARD'),
      new WireEncodeError({ what: 'pay request', path: 'paymentRequestId', message: 'too long', issues: [] }),
      at,
    )
    expect(event).toMatchObject({ result: { resultStatus: 'F', resultCode: 'PARAM_ILLEGAL' } })
    expect(machineAfter('CARD', event)).toBe('failed')
  })
})
