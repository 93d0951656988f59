import type { CardReaderEvent, CardReaderListener } from './types';

/** A reader's subscribers: a listener's fault never stops the reader or the other listeners. */
export class ReaderListeners {
  private readonly listeners = new Set<CardReaderListener>();

  add(listener: CardReaderListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: CardReaderEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's fault must not stop the reader.
      }
    }
  }
}
