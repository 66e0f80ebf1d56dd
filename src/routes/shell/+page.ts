// The page the service worker answers offline navigations with: rendered in the browser, for any URL.
export const ssr = false;
