/** The model tables live with the pure core (the counting engine reads the same columns); the library uses them from here. */
export * from '../../src-shared/ingest/model-fields';
