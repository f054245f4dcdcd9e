// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  contactAt,
  isRowSelected,
  readContactRows,
  readSelectionClaim,
} from '../../../utils/detect/rows';

const LOC = 'ocQHyuzHvysMo5N5VsXc';
const A = 'Rk3pT9wQ2LmN8vB1xZ7a';
const B = 'pL5mK8nJ2hG4fD6sA9qW';
const C = 'xC3vB7nM1qW5eR9tY2uI';
const D = 'Hb6Fg2Jk4Lm8Np1Qr3St';
const contactPath = (id: string) => `/v2/location/${LOC}/contacts/detail/${id}`;

function render(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

function element(selector: string): Element {
  const found = document.querySelector(selector);
  if (found === null) throw new Error(`no ${selector} in the test page`);
  return found;
}

/** A smart list shaped like HighLevel's: a table whose rows carry the contact ID as `tr[id]`. */
function smartList(rows: { id: string; name: string; checked?: boolean }[]): string {
  const body = rows
    .map(
      ({ id, name, checked }) => `
      <tr id="${id}" class="n-data-table-tr">
        <td class="select-cell"><input type="checkbox" ${checked ? 'checked' : ''} /></td>
        <td class="name-cell"><a href="${contactPath(id)}"><span class="avatar">${name[0]}</span> ${name}</a></td>
        <td class="phone-cell"><span>+1 555 0100</span></td>
        <td class="dnd-cell"><input type="checkbox" class="dnd-toggle" checked /></td>
      </tr>`,
    )
    .join('');
  return `
    <div class="hl-smart-list">
      <table class="n-data-table-table">
        <thead><tr><th><input type="checkbox" /></th><th>Name</th><th>Phone</th><th>DND</th></tr></thead>
        <tbody>${body}</tbody>
      </table>
    </div>`;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('readContactRows', () => {
  it('reads tr[id] rows in page order with their selection', () => {
    const root = render(
      smartList([
        { id: A, name: 'Ada', checked: true },
        { id: B, name: 'Björn' },
        { id: C, name: '李雷', checked: true },
      ]),
    );
    expect(readContactRows(root)).toEqual([
      { contactId: A, selected: true },
      { contactId: B, selected: false },
      { contactId: C, selected: true },
    ]);
  });

  it('follows a checkbox ticked by script, not only the markup attribute', () => {
    const root = render(smartList([{ id: A, name: 'Ada' }]));
    const box = element(`tr[id="${A}"] .select-cell input`) as HTMLInputElement;
    expect(readContactRows(root)[0]?.selected).toBe(false);
    box.checked = true;
    expect(readContactRows(root)[0]?.selected).toBe(true);
  });

  it('reads selection from the first checkbox only, not a later toggle column', () => {
    const root = render(smartList([{ id: A, name: 'Ada' }]));
    expect(element('.dnd-toggle')).toHaveProperty('checked', true);
    expect(readContactRows(root)).toEqual([{ contactId: A, selected: false }]);
  });

  it('skips rows whose id is not a contact ID', () => {
    const root = render(`
      <table><tbody>
        <tr id="row-1"><td><input type="checkbox" checked /></td><td>Header-ish</td></tr>
        <tr id="${A}x"><td>almost an ID</td></tr>
        <tr id="${A}"><td>Ada</td></tr>
      </tbody></table>`);
    expect(readContactRows(root)).toEqual([{ contactId: A, selected: false }]);
  });

  it('reads div grids by their links to contact pages, with ARIA checkboxes', () => {
    const root = render(`
      <div role="grid">
        <div role="row" class="row">
          <div role="gridcell"><div role="checkbox" aria-checked="true" class="n-checkbox n-checkbox--checked"></div></div>
          <div role="gridcell"><a href="https://app.myagency.com${contactPath(A)}?view=note">Ada</a></div>
        </div>
        <div role="row" class="row">
          <div role="gridcell"><div role="checkbox" aria-checked="false" class="n-checkbox"></div></div>
          <div role="gridcell"><a href="${contactPath(B)}">Björn 🐻</a></div>
        </div>
        <div role="row" class="row">
          <div role="gridcell"><label role="checkbox" class="styled"><input type="checkbox" checked /></label></div>
          <div role="gridcell"><a href="${contactPath(C)}">Chidi</a></div>
        </div>
      </div>`);
    expect(readContactRows(root)).toEqual([
      { contactId: A, selected: true },
      { contactId: B, selected: false },
      { contactId: C, selected: true },
    ]);
  });

  it('lists each contact once, selected if any of its rows is', () => {
    const root = render(`
      ${smartList([
        { id: A, name: 'Ada' },
        { id: B, name: 'Björn', checked: true },
      ])}
      <aside class="recent-contacts">
        <a href="${contactPath(A)}">Ada</a>
        <a href="${contactPath(B)}/notes">Björn</a>
      </aside>`);
    expect(readContactRows(root)).toEqual([
      { contactId: A, selected: false },
      { contactId: B, selected: true },
    ]);
  });

  it('ignores links that only look like contact links', () => {
    const root = render(`
      <a href="${contactPath('short')}">broken</a>
      <a href="${contactPath(`${A}extra`)}">too long</a>
      <a href="/help/contacts/detail/">help page</a>
      <a href="${contactPath(D)}">Dana</a>`);
    expect(readContactRows(root)).toEqual([{ contactId: D, selected: false }]);
  });

  it('reads only inside the root it is given', () => {
    render(`
      <section id="list">${smartList([{ id: A, name: 'Ada' }])}</section>
      <section id="other">${smartList([{ id: B, name: 'Björn' }])}</section>`);
    expect(readContactRows(element('#list')).map((row) => row.contactId)).toEqual([A]);
  });

  it('finds nothing on a page without contacts', () => {
    expect(readContactRows(render('<main><h1>Dashboard</h1></main>'))).toEqual([]);
  });
});

describe('contactAt', () => {
  it('reads the contact of a right-clicked link, or anything inside it', () => {
    render(smartList([{ id: A, name: 'Ada' }]));
    expect(contactAt(element('.name-cell a'))).toBe(A);
    expect(contactAt(element('.name-cell .avatar'))).toBe(A);
  });

  it('prefers the link over the row that holds it', () => {
    render(
      `<table><tr id="${A}"><td><a href="${contactPath(B)}">merged into Björn</a></td></tr></table>`,
    );
    expect(contactAt(element('a'))).toBe(B);
  });

  it('reads the contact of a tr[id] row from any cell', () => {
    render(smartList([{ id: A, name: 'Ada' }]));
    expect(contactAt(element('.phone-cell span'))).toBe(A);
  });

  it('climbs past an inner row whose id is not a contact ID', () => {
    render(`
      <table><tr id="${C}"><td>
        <table><tr id="nested-1"><td><span class="deep">x</span></td></tr></table>
      </td></tr></table>`);
    expect(contactAt(element('.deep'))).toBe(C);
  });

  it('reads a div row through its only contact link', () => {
    render(`
      <div role="row"><div role="gridcell"><span class="email">ada@example.com</span></div>
      <div role="gridcell"><a href="${contactPath(A)}">Ada</a></div></div>`);
    expect(contactAt(element('.email'))).toBe(A);
  });

  it('names no contact when a row links to several', () => {
    render(`
      <div role="row"><span class="cell">merge</span>
        <a href="${contactPath(A)}">Ada</a><a href="${contactPath(B)}">Björn</a></div>`);
    expect(contactAt(element('.cell'))).toBeUndefined();
  });

  it('names no contact outside rows and links', () => {
    render(`<main><p class="text">Hello</p></main>${smartList([{ id: A, name: 'Ada' }])}`);
    expect(contactAt(element('.text'))).toBeUndefined();
    expect(contactAt(element('thead th'))).toBeUndefined();
  });
});

describe('isRowSelected', () => {
  it('tells a selected row from an unselected one, from any cell', () => {
    render(
      smartList([
        { id: A, name: 'Ada', checked: true },
        { id: B, name: 'Björn' },
      ]),
    );
    expect(isRowSelected(element(`tr[id="${A}"] .phone-cell span`))).toBe(true);
    expect(isRowSelected(element(`tr[id="${B}"] .name-cell a`))).toBe(false);
  });

  it('is false outside any row', () => {
    render('<div><input type="checkbox" checked /><span class="free">x</span></div>');
    expect(isRowSelected(element('.free'))).toBe(false);
  });
});

describe('readSelectionClaim', () => {
  it.each([
    ['All <b>1,234</b> contacts selected', 1234],
    [
      '<div class="banner"><span>All</span> <strong>1,234</strong> <span>contacts selected.</span></div>',
      1234,
    ],
    ['<span class="count">3</span><span>selected</span>', 3],
    ['1,234 contacts are selected. <a>Clear selection</a>', 1234],
    ['You have selected 25 contacts', 25],
    ['Selected: 12', 12],
    ['All 12,345,678 contacts selected', 12345678],
    ['Alle 1.234 contacts selected', 1234],
    ['All 1\u00a0234 contacts selected', 1234],
    ['ALL 40 CONTACTS SELECTED', 40],
    ['0 selected', 0],
  ])('reads %j as %i', (html, count) => {
    expect(readSelectionClaim(render(html))).toBe(count);
  });

  it('does not take an offer to select all for a selection', () => {
    const root = render(`
      <div class="banner">All 25 contacts on this page are selected.
        <button>Select all 1,234 contacts</button></div>`);
    expect(readSelectionClaim(root)).toBeUndefined();
  });

  it('takes the larger claim when the page makes several', () => {
    const root = render(`
      <div class="toolbar"><span>25 selected</span></div>
      <div class="banner">All <b>1,234</b> contacts selected. <a>Clear selection</a></div>`);
    expect(readSelectionClaim(root)).toBe(1234);
  });

  it('is undefined when the page claims nothing', () => {
    expect(readSelectionClaim(render(smartList([{ id: A, name: 'Ada', checked: true }])))).toBe(
      undefined,
    );
    expect(readSelectionClaim(render('<p>Selected tags: VIP</p>'))).toBeUndefined();
  });

  it('works from the document itself, and only within a given root', () => {
    render('<div id="a">All 99 contacts selected</div><div id="b">7 selected</div>');
    expect(readSelectionClaim(document)).toBe(99);
    expect(readSelectionClaim(element('#b'))).toBe(7);
  });

  it('does not join a claim with numbers from a long surrounding page', () => {
    const table = smartList(
      Array.from({ length: 40 }, (_, n) => ({
        id: `${A.slice(0, 18)}${String(n).padStart(2, '0')}`,
        name: 'Row',
      })),
    );
    const root = render(
      `<div class="page"><div class="banner"><span>selected</span></div>${table}</div>`,
    );
    expect(readSelectionClaim(root)).toBeUndefined();
  });
});
