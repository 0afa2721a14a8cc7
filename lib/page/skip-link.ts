/** Hidden above the window until it has focus, then at the top left over everything. */
const HIDDEN = { transform: 'translateY(-200%)' };
const SHOWN = { transform: 'none' };

/**
 * "Skip to the Tandem sidebar": the page's first stop in the tab order (mounted as the root's
 * first child), shown only while focused. In a closed shadow root, like a native control: the
 * page's CSS cannot restyle it. Its words are always the same: nothing in it depends on what the
 * team knows. `delegatesFocus` lets focus come back to it (`host.focus()`) after the sidebar.
 */
export function createSkipLink(onActivate: () => void): HTMLElement {
  const host = document.createElement('tandem-skip-link');
  const shadow = host.attachShadow({ mode: 'closed', delegatesFocus: true });
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Skip to the Tandem sidebar';
  Object.assign(button.style, {
    position: 'fixed',
    top: '8px',
    left: '8px',
    zIndex: '2147483647',
    font: '600 14px/1.2 system-ui, sans-serif',
    padding: '10px 14px',
    border: '2px solid #fff',
    borderRadius: '8px',
    outline: '2px solid #0b5cad',
    background: '#0b5cad',
    color: '#fff',
    cursor: 'pointer',
    ...HIDDEN,
  });
  button.addEventListener('focus', () => Object.assign(button.style, SHOWN));
  button.addEventListener('blur', () => Object.assign(button.style, HIDDEN));
  button.addEventListener('click', onActivate);
  shadow.append(button);
  return host;
}
