/**
 * The embedded Checkout Page's script, served by the shop as a file of its own (no inline script). It mounts the
 * gateway's web SDK (`AMSCheckoutPage`, loaded just before from this shop's `/assets/`) into `#ckp-embed-wrapper` with
 * the session's data from the wrapper's `data-session`, and reports each event the SDK tells (`onEventCallback`) to
 * the shop's `/checkout/<id>/sdk-events`, which asks the gateway before anything is believed and answers where to go:
 * the result page, the same session mounted again (the buyer left it while it was valid), or a new attempt.
 *
 * The wrapper's `data-state` says what happened: `mounted`, `left` (mount again offered), or `error` with
 * `data-error` naming why.
 *
 * Plain ES2020 in a string: it is sent as it is, without a bundler or a compile step.
 */
export const CHECKOUT_SDK_SCRIPT = `'use strict'
;(() => {
  const wrapper = document.getElementById('ckp-embed-wrapper')
  const status = document.getElementById('sdk-status')
  const again = document.getElementById('sdk-again')
  if (wrapper === null || status === null || again === null) return
  const { payment, session, environment } = wrapper.dataset
  const codes = ['SDK_PAYMENT_SUCCESSFUL', 'SDK_PAYMENT_FAIL', 'SDK_PAYMENT_CANCEL', 'SDK_PAYMENT_CLICK_BACK_TO_MERCHANT']
  const fail = (reason) => {
    wrapper.dataset.state = 'error'
    wrapper.dataset.error = reason
    status.textContent = 'The payment page could not be shown. Reload this page to try again.'
  }
  if (typeof window.AMSCheckoutPage !== 'function') return fail('the Checkout Page SDK did not load')
  let checkout
  const mount = () => {
    status.textContent = 'Loading the payment page...'
    again.hidden = true
    checkout.mountComponent({ sessionData: session }, '#ckp-embed-wrapper').then(
      () => {
        wrapper.dataset.state = 'mounted'
        status.textContent = ''
      },
      (error) => fail(String((error && error.message) || error)),
    )
  }
  const report = async (code) => {
    const response = await fetch('/checkout/' + encodeURIComponent(payment) + '/sdk-events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    })
    if (!response.ok) return fail('the shop answered ' + response.status)
    const answer = await response.json()
    checkout.unmount()
    if (answer.show !== 'reopen') return window.location.assign(answer.next)
    wrapper.dataset.state = 'left'
    status.textContent = 'You left the payment page. It is still open for you.'
    again.hidden = false
  }
  checkout = new window.AMSCheckoutPage({
    environment,
    onEventCallback: ({ code }) => {
      if (codes.includes(code)) report(code).catch((error) => fail(String(error)))
    },
  })
  again.addEventListener('click', mount)
  mount()
})()
`
