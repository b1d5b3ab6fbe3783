// The draft on the server: saved whole a moment after each change (and before a deploy), with the revision the page
// loaded. When someone else saved the draft since, the server refuses (409): the page stops saving, says who changed
// it, and offers to reload it; nothing is overwritten.
import { api, ApiError, debounce, t, announce } from './page.js';

export class DraftSaver {
  /**
   * @param {{ processId: string, revision: number, baseVersion: number|null, state: () => Promise<object>, status: HTMLElement, conflictBox: HTMLElement }} options
   */
  constructor(options) {
    this._o = options;
    this.revision = options.revision;
    this._saving = null;
    this._stopped = false;
    this._dirty = false;
    this.changed = debounce(() => this.saveNow(), 1500);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden' && this._dirty) {
        this.saveNow();
      }
    });
    window.addEventListener('beforeunload', (event) => {
      if (this._dirty && !this._stopped) {
        event.preventDefault();
      }
    });
  }

  /** Something changed: save soon. */
  markChanged() {
    if (this._stopped) {
      return;
    }
    this._dirty = true;
    this._o.status.textContent = t('Draft_Unsaved');
    this.changed();
  }

  /** Saves now (waits for a save under way first). */
  async saveNow() {
    if (this._stopped) {
      return;
    }
    while (this._saving) {
      await this._saving;
    }
    if (!this._dirty) {
      return;
    }
    this._saving = this._save();
    try {
      await this._saving;
    } finally {
      this._saving = null;
    }
  }

  async _save() {
    this._dirty = false;
    this._o.status.textContent = t('Draft_Saving');
    const state = await this._o.state();
    try {
      const saved = await api('PUT', `/api/designer/drafts/${encodeURIComponent(this._o.processId)}`, {
        ...state,
        revision: this.revision,
        baseVersion: this._o.baseVersion,
      });
      this.revision = saved.revision;
      const time = new Intl.DateTimeFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'es-MX', { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date());
      this._o.status.textContent = t('Draft_Saved', { time });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        this.conflict(e.problem.current);
      } else {
        this._dirty = true;
        this._o.status.textContent = t('Draft_SaveFailed', { message: e.message });
        announce(t('Draft_SaveFailed', { message: e.message }), 'alert');
      }
    }
  }

  /** Stops saving (after a deploy). */
  stop() {
    this._stopped = true;
    this._dirty = false;
  }

  /** Someone else saved (or deployed, or discarded) the draft: stop, say so, offer to reload. */
  conflict(current) {
    this._stopped = true;
    this._o.status.textContent = t('Draft_Conflict');
    const box = this._o.conflictBox;
    box.querySelector('#conflict-text').textContent = current
      ? t('Draft_ConflictBy', { user: current.updatedBy, revision: current.revision })
      : t('Draft_ConflictGone');
    box.hidden = false;
    box.querySelector('button').focus();
  }

  /** Discards the draft (the revision must be current). */
  async discard() {
    await api('DELETE', `/api/designer/drafts/${encodeURIComponent(this._o.processId)}?revision=${this.revision}`);
    this.stop();
  }
}
