import type { SubjectRole } from '../../src/catalog/catalog.ts';
import type { SchemaReference } from '../../src/topic-descriptor.ts';
import type { Json } from './avro-json.ts';
import type { CatalogFiles, SubjectFiles } from './catalog-files.ts';
import type { Definitions } from './schema-defaults.ts';

/** One change to the newest schema of a subject: the schema (and references) of its next version. */
export interface Edit {
  kind: string;
  where: string;
  schema: Json;
  references?: SchemaReference[];
  newSubjects?: Record<string, SubjectFiles>;
}

/** The subject an edit changes, as the edit generators see it. */
export interface Context {
  catalog: CatalogFiles;
  subject: string;
  role: SubjectRole;
  schema: Json;
  references: SchemaReference[];
  definitions: Definitions;
}

export const shortName = (fullName: string) => fullName.slice(fullName.lastIndexOf('.') + 1);
