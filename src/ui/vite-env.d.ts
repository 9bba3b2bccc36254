// CSS imports in the Preact entries are handled by Vite; this gives them types.
/// <reference types="vite/client" />
