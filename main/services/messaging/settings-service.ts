import { BridgeError } from '../../../shared/bridge/envelope';
import type { StaffSettings } from '../../../shared/domain/messaging';
import type { SessionUser } from '../../../shared/domain/session';
import type { AgencyClient } from '../api/agency-client';
import type { CacheDatabase } from '../cache/open-cache';

const LOCAL_ID = 'desktop-settings';
export const DEFAULT_IDLE_LOCK_MINUTES = 15;

interface LocalSettings {
  osNotifications: boolean;
  idleLockMinutes: number;
  /** Last value the server gave, to show MY INFO offline. */
  displayInPortal: boolean;
}

/**
 * MY INFO: Allow Client Initiated Contact and Display in Customer Portal belong to the staff member
 * at the server (clients are told by the server, so they change only online); whether this computer
 * shows OS notifications is the computer's own setting.
 */
export class SettingsService {
  constructor(
    private readonly db: CacheDatabase,
    private readonly user: SessionUser,
    private readonly client: () => AgencyClient,
  ) {}

  private async local(): Promise<LocalSettings> {
    const doc = await this.db.getLocal<LocalSettings>(LOCAL_ID);
    const defaults: LocalSettings = {
      osNotifications: true,
      idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES,
      displayInPortal: true,
    };
    return doc ? { ...defaults, ...doc.toJSON().data } : defaults;
  }

  async osNotificationsEnabled(): Promise<boolean> {
    return (await this.local()).osNotifications;
  }

  async idleLockMinutes(): Promise<number> {
    return (await this.local()).idleLockMinutes;
  }

  async get(): Promise<StaffSettings> {
    const local = await this.local();
    try {
      const server = await this.client().mySettings();
      await this.db.upsertLocal<LocalSettings>(LOCAL_ID, {
        ...local,
        displayInPortal: server.displayInPortal,
      });
      return { ...server, osNotifications: local.osNotifications, idleLockMinutes: local.idleLockMinutes };
    } catch (error) {
      if (!(error instanceof BridgeError) || error.code !== 'offline') throw error;
      // Offline: the directory copy of this staff member carries the contact setting.
      const me = await this.db.directory.findOne(this.user.id).exec();
      return {
        allowClientContact: me?.allowClientContact ?? false,
        displayInPortal: local.displayInPortal,
        osNotifications: local.osNotifications,
        idleLockMinutes: local.idleLockMinutes,
      };
    }
  }

  async update(patch: Partial<StaffSettings>): Promise<StaffSettings> {
    const local = await this.local();
    const { osNotifications, idleLockMinutes, ...serverPatch } = patch;
    if (Object.keys(serverPatch).length > 0) {
      try {
        const server = await this.client().updateMySettings(serverPatch);
        local.displayInPortal = server.displayInPortal;
      } catch (error) {
        if (error instanceof BridgeError && error.code === 'offline') {
          throw new BridgeError(
            'offline',
            'You’re offline. MY INFO settings can be changed when the connection returns.',
          );
        }
        throw error;
      }
    }
    if (osNotifications !== undefined) local.osNotifications = osNotifications;
    if (idleLockMinutes !== undefined) local.idleLockMinutes = idleLockMinutes;
    await this.db.upsertLocal<LocalSettings>(LOCAL_ID, local);
    return this.get();
  }
}
