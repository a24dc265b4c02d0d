import {
  Component,
  type ComponentType,
  type LazyExoticComponent,
  lazy,
  type ReactNode,
  Suspense,
} from 'react';
import { ApiError, OFFLINE_CODE } from '../api/http';
import { useI18n } from '../i18n';
import { LoadError, Loading } from './Feedback';

/*
 * Pages other than sign-in are chunks of their own, downloaded when first opened: a phone on
 * prepaid data that only signs in never pays for the pages behind it. A page whose chunk cannot
 * be downloaded (no connection, or a newer portal on the server replaced it) says so and offers
 * to reload, instead of leaving a blank screen.
 */

/** The download of a page's code failed; any other error in a page is not this. */
class PageCodeError extends Error {
  constructor(cause: unknown) {
    super('The page could not be downloaded.', { cause });
    this.name = 'PageCodeError';
  }
}

/** A page component whose module is imported on first render. */
export function lazyPage<P extends object>(
  load: () => Promise<ComponentType<P>>,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(() =>
    load().then(
      (page) => ({ default: page }),
      (cause: unknown) => {
        throw new PageCodeError(cause);
      },
    ),
  );
}

class PageCodeBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: undefined };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    // A mistake inside a page is not a download problem: it goes on up, as it did before pages loaded lazily.
    if (!(error instanceof PageCodeError)) throw error;
    return <PageNotDownloaded />;
  }
}

/** A page of its own, with a heading, so a screen reader lands on what happened. */
function PageNotDownloaded() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('common.pageNotDownloaded')}</h1>
      <LoadError error={new ApiError(0, OFFLINE_CODE, '')} retry={() => window.location.reload()} />
    </>
  );
}

/** Where a lazy page is shown: "Loading…" while its code arrives, a way out if it cannot. */
export function PageSlot({ children }: { children: ReactNode }) {
  return (
    <PageCodeBoundary>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </PageCodeBoundary>
  );
}
