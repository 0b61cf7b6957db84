import type { Model } from '../model.js'
import type { Instance, World } from '../world.js'
import { BaseCommand } from './command.js'

/**
 * Load balancer: the gateway's notifications reach another instance of the merchant's service from now on (or this
 * one again), while the merchant's calls stay on this one. From then on both instances' relays pass at once. Each
 * instance keeps the payments it last wrote, so each one's copies go stale as the other moves the payments.
 */
export class RouteWebhookCommand extends BaseCommand {
  constructor(readonly to: Instance) {
    super()
  }

  check(_model: Readonly<Model>): boolean {
    return true
  }

  protected async act(_model: Model, world: World): Promise<void> {
    await world.routeWebhook(this.to)
  }

  toString(): string {
    return `routeWebhook(${this.to})`
  }
}
