/**
 * The payment page's script, served by the shop as a file of its own (no inline script, so a `script-src 'self'`
 * policy would allow it). It:
 *
 * 1. imports mermaid's ESM build from the URL in the figure's `data-library` (this shop's `/assets/`); mermaid
 *    imports the chunks a state diagram needs from beside it;
 * 2. draws `#statechart-source` (the source in the page's `<details>`) into `#statechart .canvas` with
 *    `mermaid.render`;
 * 3. adds the `taken` class to the arrows listed in `data-taken` and to their labels: Mermaid's stateDiagram has no
 *    `linkStyle` and no class for a transition, but it numbers the arrows it draws in source order
 *    (`data-id="edge<n>"`), the order `statechartSource` counts them in;
 * 4. sets `data-rendered="true"` on the figure, or `data-error` with the reason and says so in the figure.
 *
 * Plain ES2020 in a string: it is sent as it is, without a bundler or a compile step.
 */
export const STATECHART_SCRIPT = `'use strict'
;(() => {
  const figure = document.getElementById('statechart')
  const source = document.getElementById('statechart-source')
  if (figure === null || source === null) return
  const canvas = figure.querySelector('.canvas')
  const fail = (why) => {
    figure.dataset.error = why
    canvas.textContent = 'The picture could not be drawn (' + why + '). The list of states and the source below say the same.'
  }
  const draw = (mermaid) => {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' })
    return mermaid.render('statechart-svg', source.textContent).then(({ svg }) => {
      canvas.innerHTML = svg
      for (const n of (figure.dataset.taken || '').split(' ')) {
        if (n === '') continue
        for (const drawn of canvas.querySelectorAll('[data-id="edge' + n + '"]')) drawn.classList.add('taken')
      }
      figure.dataset.rendered = 'true'
    })
  }
  import(figure.dataset.library).then(
    (library) => draw(library.default).catch((error) => fail(String((error && error.message) || error))),
    () => fail('the diagram library did not load'),
  )
})()
`
