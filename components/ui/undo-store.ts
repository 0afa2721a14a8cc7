import { create } from 'zustand';

export interface UndoOffer {
  id: string;
  message: string;
  undo: () => Promise<void>;
}

interface UndoState {
  offer: UndoOffer | null;
  show: (offer: UndoOffer) => void;
  dismiss: () => void;
}

/** The one pending "undo" the sidebar offers (a deleted note, a do-not-contact change), shown until used or replaced. */
export const useUndo = create<UndoState>((set) => ({
  offer: null,
  show: (offer) => set({ offer }),
  dismiss: () => set({ offer: null }),
}));
