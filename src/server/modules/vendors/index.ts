// Vendors: the people and businesses the city may pay for bounties, once the DSO has verified them.
// Bounties ask this module whether a vendor is verified; the vendor's tax and payment details stay here.

export { findVendor, findVendorOfUser, listVendors, presentVendor, type Vendor, vendorLegalNames } from "./find-vendors.ts";
export { vendorPersonalData } from "./personal-data.ts";
export { registerVendor, rolesThatCannotBeVendors } from "./register-vendor.ts";
export { reviewVendor } from "./review-vendor.ts";
export { registerVendorRoutes } from "./routes.ts";
export { vendors } from "./schema.ts";
export { seedVendorDemo } from "./seed-demo.ts";
