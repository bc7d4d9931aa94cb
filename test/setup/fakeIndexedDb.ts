// Node has no IndexedDB: the core runs on fake-indexeddb in unit tests, exactly as it
// runs on the browser's IndexedDB in the page (Dexie picks up the globals).
import 'fake-indexeddb/auto';
