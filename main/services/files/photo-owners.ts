import type { Subscription } from 'rxjs';
import type { ClientDoc } from '../../../shared/replication/documents';
import type { CacheDatabase } from '../cache/open-cache';

/**
 * Which client in the cache a photo belongs to, for the file cache (a photo is sealed with its
 * client, and given only while that client is here). The cache has no index on photoFileId and a
 * list of clients asks for many photos at once, so the answer comes from a map built by one read
 * of the clients when first needed and kept up to date from the collection's changes after that.
 */
export class PhotoOwners {
  private byPhoto: Map<string, string> | undefined;
  private readonly photoOf = new Map<string, string>();
  private building: Promise<Map<string, string>> | undefined;
  /** Changes seen while the clients were being read, applied after the read (they are newer or the same). */
  private duringBuild: [string, string][] | undefined;
  private readonly subscription: Subscription;

  constructor(private readonly db: CacheDatabase) {
    // Listening from the start, so no change made while the map is being built is missed.
    this.subscription = db.clients.$.subscribe((event) => {
      const doc = event.operation === 'DELETE' ? undefined : (event.documentData as ClientDoc);
      const change: [string, string] = [event.documentId, doc?.photoFileId ?? ''];
      if (this.byPhoto) this.set(...change);
      else this.duringBuild?.push(change);
    });
  }

  async ownerOf(fileId: string): Promise<string | null> {
    const map = this.byPhoto ?? (await this.build());
    return map.get(fileId) ?? null;
  }

  stop(): void {
    this.subscription.unsubscribe();
  }

  private build(): Promise<Map<string, string>> {
    this.building ??= (async () => {
      this.duringBuild = [];
      const clients = await this.db.clients.find().exec();
      this.byPhoto = new Map();
      for (const client of clients) this.set(client.id, client.photoFileId);
      for (const change of this.duringBuild) this.set(...change);
      this.duringBuild = undefined;
      return this.byPhoto;
    })();
    return this.building;
  }

  private set(clientId: string, photoFileId: string): void {
    const map = this.byPhoto;
    if (!map) return;
    const previous = this.photoOf.get(clientId);
    if (previous !== undefined && map.get(previous) === clientId) map.delete(previous);
    this.photoOf.delete(clientId);
    if (!photoFileId) return;
    map.set(photoFileId, clientId);
    this.photoOf.set(clientId, photoFileId);
  }
}
