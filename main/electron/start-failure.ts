import { app, dialog } from 'electron';

/** What the start path needs of the services: a start, and a way out when it fails. */
export interface StartableServices {
  start(): Promise<void>;
  /** Sets the failing cache aside, forgets the saved session, and starts signed out. */
  startFresh(): Promise<void>;
}

const FRESH = 0;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts the services. A start that fails (a damaged cache is healed before this point, so this
 * is anything else) shows the error in a window of its own, with a way out: sign out and start
 * fresh, or quit. Never a silent exit without a window. Answers whether the app should go on.
 */
export async function startOrOfferFreshStart(services: StartableServices): Promise<boolean> {
  try {
    await services.start();
    return true;
  } catch (error) {
    console.error('Portico could not start:', error);
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: 'Portico could not start',
      message: 'Portico could not open your records on this computer.',
      detail: [
        `The error was: ${errorText(error)}`,
        'Sign out and start fresh: Portico sets this computer’s copy of your records aside (it is kept for your administrator), and after you sign in again it downloads a fresh copy from the agency server. Messages and requests that were waiting to be sent are kept and sent.',
      ].join('\n\n'),
      buttons: ['Sign out and start fresh', 'Quit'],
      defaultId: FRESH,
      cancelId: 1,
      noLink: true,
    });
    if (response !== FRESH) {
      app.quit();
      return false;
    }
    try {
      await services.startFresh();
      return true;
    } catch (freshError) {
      console.error('Portico could not start fresh:', freshError);
      showFatalError(freshError);
      return false;
    }
  }
}

/** The last resort: the error in a window, then quit. */
export function showFatalError(error: unknown): void {
  dialog.showErrorBox(
    'Portico could not start',
    `${errorText(error)}\n\nPlease tell your administrator. Portico will close now.`,
  );
  app.quit();
}
