/*
 * The fake HighLevel app's page script: fetches the view for the current URL from the fake
 * (/fake-app/api/view) and renders it. In-app navigation goes through history.pushState, as
 * HighLevel's single-page app does: links marked `data-spa` and the "Next contact" button
 * change the URL without a page load, and the view re-renders.
 *
 * Every piece of data is inserted as text (never innerHTML): names and tags may hold markup.
 * For tests: body[data-ready] is "true" once a render finished, body[data-render-count] counts
 * renders, body[data-view] names the view, and `window.fakeGhl.navigate(path)` navigates in-app.
 * A `fake-ghl:rendered` event fires on window after each render.
 */

const root = document.getElementById('app');
let renderCount = 0;
let latestRender = 0;

/** Builds an element: h('a', { href: '/x', dataset: { spa: '' } }, 'text', child). */
function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'checked') element.checked = Boolean(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

function spaLink(href, text, props) {
  return h('a', { href, dataset: { spa: '' }, ...props }, text);
}

function chips(tags) {
  return tags.map((tag) => h('span', { class: 'chip' }, tag));
}

function frame(view, content) {
  return [
    h(
      'header',
      { class: 'topbar' },
      h('span', { class: 'brand' }, view.brand),
      h('span', { class: 'location-name' }, view.locationName),
    ),
    h(
      'div',
      { class: 'layout' },
      h(
        'nav',
        { class: 'side', 'aria-label': 'Sub-account menu' },
        view.nav.map((item) =>
          spaLink(item.href, item.label, { 'aria-current': item.current ? 'page' : undefined }),
        ),
      ),
      h('main', { id: 'main' }, content),
    ),
  ];
}

function contactView(view) {
  const { contact } = view;
  return h(
    'section',
    {
      class: 'contact-detail',
      'aria-labelledby': 'contact-name',
      dataset: { contactId: contact.id },
    },
    h('h1', { id: 'contact-name' }, contact.name),
    h(
      'dl',
      {},
      contact.email ? [h('dt', {}, 'Email'), h('dd', {}, contact.email)] : null,
      contact.phone ? [h('dt', {}, 'Phone'), h('dd', {}, contact.phone)] : null,
    ),
    h('h2', { id: 'contact-tags-heading' }, 'Tags'),
    // Named "tag chips", not "tags": the extension's own list is named "Tags" and Playwright's
    // role queries match names by substring unless told otherwise.
    contact.tags.length > 0
      ? h(
          'ul',
          { class: 'ghl-tags', 'aria-label': 'HighLevel tag chips' },
          contact.tags.map((tag) => h('li', { class: 'chip' }, tag)),
        )
      : h('p', { class: 'ghl-tags-empty' }, 'No tags yet'),
    h(
      'button',
      { type: 'button', class: 'next-contact', onclick: () => navigate(view.nextHref) },
      'Next contact',
    ),
    h('h2', {}, 'Other contacts'),
    h(
      'ul',
      { class: 'other-contacts', 'aria-label': 'Other contacts' },
      view.others.map((other) => h('li', {}, spaLink(other.href, other.name))),
    ),
  );
}

function formatCount(count) {
  return count.toLocaleString('en-US');
}

function contactListView(view) {
  const rowBoxes = [];
  const header = h('input', { type: 'checkbox', 'aria-label': 'Select all contacts' });
  const banner = h('div', { class: 'banner', role: 'status', hidden: true });
  const allRowsChecked = () => rowBoxes.length > 0 && rowBoxes.every((box) => box.checked);

  /** HighLevel-like: checking the page offers to select the whole list; then it claims "all N". */
  function showSelection(claimedAll) {
    banner.replaceChildren();
    banner.hidden = !allRowsChecked();
    if (banner.hidden) return;
    if (claimedAll) {
      banner.append(`All ${formatCount(claimedAll)} contacts are selected.`);
      return;
    }
    banner.append(
      `You have selected ${formatCount(rowBoxes.length)} contacts on this page. `,
      h(
        'button',
        { type: 'button', onclick: () => showSelection(view.total) },
        `Select all ${formatCount(view.total)} contacts`,
      ),
    );
  }

  header.addEventListener('change', () => {
    for (const box of rowBoxes) box.checked = header.checked;
    showSelection(undefined);
  });

  const rows = view.rows.map((row) => {
    const box = h('input', {
      type: 'checkbox',
      'aria-label': `Select ${row.name}`,
      checked: view.claimAll !== undefined,
    });
    box.addEventListener('change', () => {
      header.checked = allRowsChecked();
      showSelection(undefined);
    });
    rowBoxes.push(box);
    return h(
      'tr',
      { id: row.id },
      h('td', {}, box),
      h('td', {}, spaLink(row.href, row.name)),
      h('td', {}, row.email ?? ''),
      h('td', {}, row.phone ?? ''),
      h('td', {}, chips(row.tags)),
    );
  });
  header.checked = view.claimAll !== undefined && rowBoxes.length > 0;
  showSelection(view.claimAll);

  return h(
    'section',
    { class: 'contact-list', 'aria-labelledby': 'list-heading' },
    h('h1', { id: 'list-heading' }, 'Contacts'),
    h(
      'p',
      { class: 'list-meta' },
      `Smart list: ${view.listId}. Showing ${formatCount(view.rows.length)} of ${formatCount(view.total)} contacts.`,
    ),
    banner,
    h(
      'table',
      { 'aria-label': 'Contact list' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, header),
          ['Name', 'Email', 'Phone', 'Tags'].map((title) => h('th', { scope: 'col' }, title)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}

function conversationsView(view) {
  const { open } = view;
  return h(
    'section',
    { 'aria-labelledby': 'conversations-heading' },
    h('h1', { id: 'conversations-heading' }, 'Conversations'),
    h(
      'div',
      { class: 'conversations' },
      h(
        'ul',
        { 'aria-label': 'Conversation list' },
        view.conversations.map((item) =>
          h(
            'li',
            { dataset: { conversationId: item.id } },
            spaLink(item.href, item.contactName, {
              'aria-current': item.current ? 'page' : undefined,
            }),
            h('div', { class: 'last-message' }, item.lastMessage),
            item.unreadCount > 0
              ? h('span', { class: 'unread' }, `${item.unreadCount} unread`)
              : null,
          ),
        ),
      ),
      open
        ? h(
            'section',
            {
              class: 'open-conversation',
              'aria-labelledby': 'conversation-contact',
              dataset: { conversationId: open.id },
            },
            h('h2', { id: 'conversation-contact' }, open.contact.name),
            spaLink(open.contact.href, 'View contact'),
            h(
              'ol',
              { 'aria-label': 'Messages' },
              open.messages.map((message) =>
                h('li', { class: `message ${message.direction}` }, message.body),
              ),
            ),
          )
        : h('p', {}, 'Select a conversation.'),
    ),
  );
}

function opportunitiesView(view) {
  return h(
    'section',
    { 'aria-labelledby': 'opportunities-heading' },
    h('h1', { id: 'opportunities-heading' }, 'Opportunities'),
    h(
      'ul',
      { class: 'cards', 'aria-label': 'Opportunity cards' },
      view.cards.map((card) =>
        h(
          'li',
          { dataset: { opportunityId: card.id } },
          h(
            'article',
            { 'aria-label': card.name },
            h('h2', {}, card.name),
            h('p', {}, `$${formatCount(card.monetaryValue)}, ${card.status}`),
            card.contact ? spaLink(card.contact.href, card.contact.name) : h('p', {}, 'No contact'),
          ),
        ),
      ),
    ),
  );
}

function notFoundView(view) {
  return [h('h1', {}, 'Not found'), h('p', {}, view.message)];
}

const VIEWS = {
  contact: contactView,
  'contact-list': contactListView,
  conversations: conversationsView,
  opportunities: opportunitiesView,
};

async function render() {
  const thisRender = ++latestRender;
  document.body.dataset.ready = 'false';
  const path = location.pathname + location.search;
  const response = await fetch(`/fake-app/api/view?path=${encodeURIComponent(path)}`, {
    headers: { Accept: 'application/json' },
  });
  const view = await response.json();
  // A newer navigation started while this one was loading: let it win.
  if (thisRender !== latestRender) return;
  const renderBody = VIEWS[view.kind];
  root.replaceChildren(...(renderBody ? frame(view, renderBody(view)) : notFoundView(view)));
  document.title = view.title;
  renderCount += 1;
  document.body.dataset.renderCount = String(renderCount);
  document.body.dataset.view = view.kind;
  document.body.dataset.ready = 'true';
  window.dispatchEvent(new CustomEvent('fake-ghl:rendered', { detail: { kind: view.kind, path } }));
}

function navigate(href) {
  history.pushState({}, '', href);
  return render();
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('a[data-spa]') : null;
  const plainClick =
    event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
  if (!target || event.defaultPrevented || !plainClick) return;
  event.preventDefault();
  navigate(target.getAttribute('href'));
});

window.addEventListener('popstate', () => render());
window.fakeGhl = { navigate, render };
render();
