import * as Data from 'effect/Data'

/** The database was migrated by a newer version of this package: this one would misread it, so it does not open it. */
export class SchemaTooNew extends Data.TaggedError('SchemaTooNew')<{
  readonly filename: string
  readonly databaseVersion: number
  readonly supportedVersion: number
}> {
  override get message() {
    return `${this.filename} is at schema version ${this.databaseVersion}; this @paychart/storage-sqlite knows versions up to ${this.supportedVersion}`
  }
}
