// Applications live on this device: the page renders in the browser from its store.
export const ssr = false;
