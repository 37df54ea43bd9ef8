/**
 * A searchable list inside a line-grid cell (product, customs unit, stall): type part of a code, item no. or
 * name, arrows move, Enter or Tab takes the highlighted entry, Esc cancels.
 *
 * Written against AG Grid's plain editor interface rather than as a React component: the grid creates it in
 * the same keystroke that starts the edit, so a fast typist's next keys land in its input and none is lost
 * (a React editor mounts a moment later, and keys typed in between went to the cell).
 */
import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community';

export interface PickerOption {
  value: string;
  label: string;
}

export interface PickerParams {
  /** all entries; called when the edit starts */
  options: () => PickerOption[];
  /** the entries matching what is typed, best first */
  filter: (options: PickerOption[], query: string) => PickerOption[];
  /** an extra entry for what was typed when it should be kept as it is (a free line's item no.) */
  free?: (query: string) => PickerOption | null;
  /** an entry that empties the cell, offered before anything is typed */
  none?: PickerOption | null;
  /** the value handed to the column's valueSetter for an entry */
  toValue: (o: PickerOption) => unknown;
  /** the current entry (highlighted and marked when nothing is typed) */
  current: string;
  placeholder: string;
  ariaLabel: string;
  className?: string;
}

const MAX_SHOWN = 150;
let uid = 0;

export class PickerCellEditor implements ICellEditorComp {
  private gui!: HTMLDivElement;
  private input!: HTMLInputElement;
  private list!: HTMLUListElement;
  private p!: PickerParams & ICellEditorParams;
  private all: PickerOption[] = [];
  private shown: PickerOption[] = [];
  private active = -1;
  private value: unknown;
  private id = `picker-${++uid}`;

  init(params: PickerParams & ICellEditorParams): void {
    this.p = params;
    this.value = params.value;
    this.all = params.options();
    this.gui = document.createElement('div');
    this.gui.className = `combo cell-combo ${params.className ?? ''}`;
    this.input = document.createElement('input');
    this.input.type = 'text';
    this.input.autocomplete = 'off';
    this.input.spellcheck = false;
    this.input.setAttribute('role', 'combobox');
    this.input.setAttribute('aria-expanded', 'true');
    this.input.setAttribute('aria-controls', this.id);
    this.input.setAttribute('aria-label', params.ariaLabel);
    this.input.placeholder = params.placeholder;
    this.list = document.createElement('ul');
    this.list.className = 'combo-list';
    this.list.id = this.id;
    this.list.setAttribute('role', 'listbox');
    this.gui.append(this.input, this.list);

    // an edit started by typing a character: that character is the start of the search (the grid keeps it
    // out of the input, except for the few keys it lets through, which the browser then types itself)
    const key = params.eventKey;
    if (key && key.length === 1 && !(params as { suppressPreventDefault?: boolean }).suppressPreventDefault) this.input.value = key;

    this.input.addEventListener('input', () => this.update(true));
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.list.addEventListener('mousedown', (e) => {
      e.preventDefault(); // keep the focus in the input
      const li = (e.target as HTMLElement).closest('li[data-index]');
      const o = li ? this.shown[Number(li.getAttribute('data-index'))] : undefined;
      if (o) {
        this.value = this.p.toValue(o);
        this.p.stopEditing();
      }
    });
    this.update(this.input.value !== '');
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  afterGuiAttached(): void {
    this.input.focus();
    const n = this.input.value.length;
    this.input.setSelectionRange(n, n);
    this.scrollActive();
  }

  getValue(): unknown {
    return this.value;
  }

  isPopup(): boolean {
    return true;
  }

  private update(typed: boolean): void {
    const q = this.input.value.trim();
    if (q === '') {
      this.shown = [...(this.p.none ? [this.p.none] : []), ...this.all.slice(0, MAX_SHOWN)];
      // nothing is taken by Enter until something is typed or chosen with the arrows
      this.active = this.shown.findIndex((o) => o.value === this.p.current && this.p.current !== '');
    } else {
      const free = this.p.free?.(q);
      this.shown = [...this.p.filter(this.all, q).slice(0, MAX_SHOWN), ...(free ? [free] : [])];
      this.active = typed || this.active < 0 ? 0 : Math.min(this.active, this.shown.length - 1);
    }
    this.render();
  }

  private render(): void {
    this.list.replaceChildren(
      ...(this.shown.length === 0
        ? [Object.assign(document.createElement('li'), { className: 'combo-empty', textContent: '—' })]
        : this.shown.map((o, i) => {
            const li = document.createElement('li');
            li.id = `${this.id}-${i}`;
            li.setAttribute('role', 'option');
            li.setAttribute('data-index', String(i));
            li.setAttribute('aria-selected', String(i === this.active));
            li.className = `combo-option${i === this.active ? ' active' : ''}${o.value === this.p.current && this.p.current !== '' ? ' current' : ''}`;
            li.textContent = o.label;
            li.addEventListener('mouseenter', () => this.setActive(i));
            return li;
          })),
    );
    if (this.active >= 0) this.input.setAttribute('aria-activedescendant', `${this.id}-${this.active}`);
    else this.input.removeAttribute('aria-activedescendant');
  }

  private setActive(i: number): void {
    if (i === this.active) return;
    this.active = i;
    this.render();
    this.scrollActive();
  }

  private scrollActive(): void {
    (this.list.children[this.active] as HTMLElement | undefined)?.scrollIntoView?.({ block: 'nearest' });
  }

  private onKey(e: KeyboardEvent): void {
    if (e.isComposing) return;
    const move = (to: number) => {
      e.preventDefault();
      e.stopPropagation();
      this.setActive(Math.max(0, Math.min(to, this.shown.length - 1)));
    };
    switch (e.key) {
      case 'ArrowDown':
        return move(this.active + 1);
      case 'ArrowUp':
        return move(this.active - 1);
      case 'PageDown':
        return move(this.active + 10);
      case 'PageUp':
        return move(this.active - 10);
      case 'Home':
      case 'End':
        e.stopPropagation(); // move in the text, not in the grid
        return;
      case 'Enter':
      case 'Tab': {
        const o = this.active >= 0 ? this.shown[this.active] : undefined;
        if (o) this.value = this.p.toValue(o); // the grid then ends the edit with this value
        return;
      }
    }
  }
}
