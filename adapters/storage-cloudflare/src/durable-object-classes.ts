import { type PaymentIndexClass, paymentIndexClass } from './index-object.js'
import {
  type PaymentObjectClass,
  type PaymentObjectEnv,
  type PaymentObjectOptions,
  paymentObjectClass,
} from './payment-object.js'
import type { DurableObjectClass } from './workers-types.js'

export interface DurableObjectClasses<Env> {
  readonly PaymentObject: PaymentObjectClass<Env>
  readonly PaymentIndexObject: PaymentIndexClass
}

/**
 * Both Durable Object classes, extending the `DurableObject` you pass (from `cloudflare:workers`): export them from
 * the worker's main module under the class names your bindings use.
 */
export const durableObjectClasses = <Env extends PaymentObjectEnv = PaymentObjectEnv>(
  DurableObject: DurableObjectClass,
  options: PaymentObjectOptions<Env> = {},
): DurableObjectClasses<Env> => ({
  PaymentObject: paymentObjectClass(DurableObject, options),
  PaymentIndexObject: paymentIndexClass(DurableObject),
})
