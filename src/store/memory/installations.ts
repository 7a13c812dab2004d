import type { InstallationKey, InstallationTable } from '../installations';

/** A memory stand-in, for tests of the installation store's sealing. */
export class MemoryInstallations implements InstallationTable {
  readonly rows = new Map<string, string>();

  async put(key: InstallationKey, sealed: string): Promise<void> {
    this.rows.set(`${key.enterpriseId}/${key.teamId}`, sealed);
  }

  async get(key: InstallationKey): Promise<string | undefined> {
    return this.rows.get(`${key.enterpriseId}/${key.teamId}`);
  }

  async remove(key: InstallationKey): Promise<void> {
    this.rows.delete(`${key.enterpriseId}/${key.teamId}`);
  }
}
