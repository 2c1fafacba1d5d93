// The adapter page's trusted settings, for your deployment: edit this file
// where the page is hosted (it is served from the page's own origin, so only
// whoever deploys the page can change it). The settings are listed at the
// top of adapter.js. URL parameters cannot override them unless
// `urlOverrides` says so (see settings.js): a link sent to an agent must not
// choose the flows, the CCP or the scripts this page runs.
//
// Example:
//   window.CTIFLOW_CONFIG = {
//     instanceUrl: "https://myinstance.my.connect.aws",
//     region: "us-east-1",
//     flowSet: "/flows/flow-set.json",
//     openCtiUrl: "https://myorg.my.salesforce.com/support/api/62.0/lightning/opencti_min.js",
//   };
// Local development (never in production): `urlOverrides: true` lets
// ?flowSet=...&ccpUrl=... set everything from the URL.
window.CTIFLOW_CONFIG = window.CTIFLOW_CONFIG || {};
