/**
 * Cliente 2 S.A.: a US home-improvement retailer with two stores in the Southeast, a different
 * trade from the grocer (few lines per ticket, pricier items, spring garden season, holiday
 * gifts), so dashboards of the two tenants look nothing alike.
 */
import { DEFAULT_SETTINGS, type TenantSettings } from '../server/features/tenants/schema.js';
import { buildProducts, type LineDef, type StoreSpec, type SupplierSpec, type TenantSpec } from './catalog.js';

export const CLIENTE2_SETTINGS: TenantSettings = {
  ...DEFAULT_SETTINGS,
  currency: 'USD',
  timezone: 'America/New_York',
  locale: 'en-US',
  features: ['inventory', 'sales'],
  primaryColor: '#3b82f6',
  secondaryColor: '#2563eb',
  logoUrl: null,
  showVenezuelanTaxes: false,
  allowImpersonation: true,
};

export const CLIENTE2_STORES: StoreSpec[] = [
  { code: 'ATL1', name: 'Atlanta Midtown', city: 'Atlanta', address: '1040 Peachtree St NE, Atlanta, GA 30309', traffic: 1.1 },
  { code: 'CLT1', name: 'Charlotte South End', city: 'Charlotte', address: '2100 South Blvd, Charlotte, NC 28203', traffic: 0.9 },
];

const sup = (code: string, name: string, domain: string, phone: string, leadTimeDays: number, lateRate: number, missRate: number): SupplierSpec => ({
  code,
  name,
  email: `orders@${domain}`,
  phone,
  leadTimeDays,
  lateRate,
  missRate,
});

export const CLIENTE2_SUPPLIERS: SupplierSpec[] = [
  sup('MIDWEST', 'Midwest Hardware Supply Co.', 'midwesthardware.example', '+1 312 555 0140', 5, 0.06, 0.01),
  sup('ATLANTIC', 'Atlantic Tool Distributors Inc.', 'atlantictool.example', '+1 404 555 0172', 7, 0.08, 0.015),
  sup('SOUTHEAST', 'Southeast Building Products LLC', 'sebuilding.example', '+1 704 555 0110', 4, 0.05, 0.01),
  sup('GREENLEAF', 'GreenLeaf Garden Wholesale', 'greenleafgarden.example', '+1 770 555 0193', 6, 0.07, 0.015),
  sup('BRIGHTLINE', 'BrightLine Electrical Supply', 'brightline.example', '+1 980 555 0124', 5, 0.06, 0.01),
  sup('COASTAL', 'Coastal Paint & Coatings', 'coastalpaint.example', '+1 843 555 0168', 3, 0.05, 0.01),
  sup('PACIFIC', 'Pacific Rim Power Tools Import', 'pacificrimtools.example', '+1 562 555 0151', 14, 0.12, 0.03),
];

const LINES: LineDef[] = [
  // hand tools
  { category: 'hand tools', name: 'claw hammer', template: '{b} {n} {s}', brands: ['Stanley', ['Estwing', 1.6], ['Husky', 0.85]], sizes: [['16 oz', 19.99, 6], ['20 oz', 24.99, 6]], pop: 1.4, december: 1.4, supplier: 'ATLANTIC' },
  { category: 'hand tools', name: 'screwdriver set', template: '{b} {s} {n}', brands: ['Stanley', 'Craftsman', ['Husky', 0.85]], sizes: [['6-piece', 14.99, 6]], pop: 1.2, december: 1.6, supplier: 'ATLANTIC' },
  { category: 'hand tools', name: 'adjustable wrench', template: '{b} {s} {n}', brands: ['Crescent', ['Husky', 0.85]], sizes: [['8 in', 12.99, 6], ['10 in', 15.99, 6]], pop: 0.8, december: 1.4, supplier: 'ATLANTIC' },
  { category: 'hand tools', name: 'tape measure', template: '{b} {s} {n}', brands: ['Stanley', 'Milwaukee', ['Komelon', 0.8]], sizes: [['25 ft', 12.99, 12]], pop: 1.6, december: 1.3, supplier: 'ATLANTIC' },
  { category: 'hand tools', name: 'utility knife', template: '{b} {n}', brands: ['Stanley', 'Milwaukee'], sizes: [['', 8.99, 12]], pop: 1.2, supplier: 'ATLANTIC' },
  { category: 'hand tools', name: 'pliers', template: '{b} {v} {n}', brands: [['Klein Tools', 1.4], 'Husky'], variants: ['slip-joint', 'needle-nose', "lineman's"], sizes: [['', 11.99, 6]], pop: 0.7, december: 1.4, supplier: 'ATLANTIC' },
  { category: 'hand tools', name: 'level', template: '{b} {s} {n}', brands: ['Empire', 'Stanley'], sizes: [['24 in', 19.99, 6], ['48 in', 34.99, 4]], pop: 0.6, supplier: 'ATLANTIC' },
  { category: 'hand tools', name: 'socket set', template: '{b} {v} {n}', brands: ['Craftsman', ['Husky', 0.85]], variants: ['1/4 in drive 40-piece', '3/8 in drive 60-piece'], sizes: [['', 39.99, 4]], pop: 0.6, december: 2.2, supplier: 'ATLANTIC' },

  // power tools
  { category: 'power tools', name: 'cordless drill/driver 20V', template: '{b} {n} {s}', brands: ['DeWalt', 'Milwaukee', ['Ryobi', 0.6], 'Makita'], sizes: [['kit', 149, 2], ['tool only', 99, 2]], pop: 1.1, december: 2.4, supplier: 'PACIFIC', markup: [0.2, 0.3] },
  { category: 'power tools', name: 'impact driver 20V', template: '{b} {n} {s}', brands: ['DeWalt', 'Milwaukee', ['Ryobi', 0.6]], sizes: [['kit', 169, 2]], pop: 0.7, december: 2.2, supplier: 'PACIFIC', markup: [0.2, 0.3] },
  { category: 'power tools', name: 'circular saw 7-1/4 in', template: '{b} {n}', brands: ['DeWalt', 'Makita', ['Skil', 0.6]], sizes: [['', 129, 2]], pop: 0.4, december: 1.8, supplier: 'PACIFIC', markup: [0.2, 0.3] },
  { category: 'power tools', name: 'random orbit sander 5 in', template: '{b} {n}', brands: ['DeWalt', ['Ryobi', 0.6]], sizes: [['', 69, 2]], pop: 0.3, supplier: 'PACIFIC' },
  { category: 'power tools', name: 'battery 20V 4.0Ah', template: '{b} {n}', brands: ['DeWalt', 'Milwaukee', ['Ryobi', 0.6]], sizes: [['', 99, 4]], pop: 0.6, december: 1.8, supplier: 'PACIFIC' },
  { category: 'power tools', name: 'drill bit set', template: '{b} {v} {n}', brands: ['DeWalt', 'Bosch', ['Irwin', 0.9]], variants: ['29-piece titanium'], sizes: [['', 29.99, 6]], pop: 0.8, december: 1.5, supplier: 'ATLANTIC' },

  // fasteners
  { category: 'fasteners', name: 'wood screws', template: '{b} {n} {v} ({s})', brands: ['Grip-Rite', ['Everbilt', 0.95], ['Hillman', 1.05]], variants: ['#8 x 1-1/4 in', '#8 x 2 in'], sizes: [['1 lb box', 9.99, 12]], pop: 2.4, basket: 1.6, supplier: 'MIDWEST', markup: [0.35, 0.5] },
  { category: 'fasteners', name: 'drywall screws', template: '{b} {n} {v} ({s})', brands: ['Grip-Rite', ['Everbilt', 0.95]], variants: ['#6 x 1-1/4 in', '#6 x 1-5/8 in'], sizes: [['1 lb box', 7.49, 12]], pop: 1.4, basket: 1.5, supplier: 'MIDWEST', markup: [0.35, 0.5] },
  { category: 'fasteners', name: 'drywall anchors', template: '{b} {v} {n} ({s})', brands: ['E-Z Ancor', 'Hillman'], variants: ['self-drilling', 'toggle'], sizes: [['25-pack', 6.99, 12]], pop: 1.6, supplier: 'MIDWEST', markup: [0.35, 0.5] },
  { category: 'fasteners', name: 'common nails', template: '{b} {v} {n} ({s})', brands: ['Grip-Rite'], variants: ['8d', '16d'], sizes: [['1 lb box', 5.49, 12], ['5 lb box', 19.99, 4]], pop: 1.2, supplier: 'MIDWEST', markup: [0.35, 0.5] },
  { category: 'fasteners', name: 'hex bolts', template: '{b} {v} {n} ({s})', brands: ['Hillman', ['Everbilt', 0.95]], variants: ['1/4 in x 2 in', '3/8 in x 3 in'], sizes: [['10-pack', 4.99, 12]], pop: 1, supplier: 'MIDWEST', markup: [0.35, 0.5] },
  { category: 'fasteners', name: 'picture hanging kit', template: '{b} {n}', brands: ['Hillman', 'OOK'], sizes: [['', 8.99, 12]], pop: 0.8, supplier: 'MIDWEST' },

  // plumbing
  { category: 'plumbing', name: 'PVC pipe Schedule 40', template: '{b} {n} {v} x {s}', brands: ['Charlotte Pipe'], variants: ['1/2 in', '3/4 in', '1 in'], sizes: [['10 ft', 5.49, 10]], pop: 1.6, basket: 2.2, supplier: 'SOUTHEAST' },
  { category: 'plumbing', name: 'PVC 90-degree elbow', template: '{b} {v} {n}', brands: ['Charlotte Pipe', 'NIBCO'], variants: ['1/2 in', '3/4 in'], sizes: [['', 0.99, 50]], pop: 1.2, basket: 3, supplier: 'SOUTHEAST', markup: [0.4, 0.5] },
  { category: 'plumbing', name: 'push-to-connect coupling', template: '{b} {v} {n}', brands: ['SharkBite'], variants: ['1/2 in', '3/4 in'], sizes: [['', 8.99, 12]], pop: 1, basket: 1.5, supplier: 'SOUTHEAST' },
  { category: 'plumbing', name: 'kitchen faucet', template: '{b} {v} {n}', brands: [['Moen', 1.4], ['Delta', 1.3], 'Glacier Bay'], variants: ['pull-down', 'single-handle'], sizes: [['', 129, 2]], pop: 0.35, supplier: 'SOUTHEAST', markup: [0.25, 0.35] },
  { category: 'plumbing', name: 'bathroom faucet', template: '{b} {n}', brands: [['Moen', 1.4], ['Delta', 1.3], 'Glacier Bay'], sizes: [['', 79, 2]], pop: 0.3, supplier: 'SOUTHEAST' },
  { category: 'plumbing', name: 'toilet flapper', template: '{b} {n}', brands: ['Fluidmaster', 'Korky'], sizes: [['', 6.99, 12]], pop: 1.2, supplier: 'SOUTHEAST' },
  { category: 'plumbing', name: 'toilet fill valve', template: '{b} {n}', brands: ['Fluidmaster'], sizes: [['', 11.99, 12]], pop: 0.8, supplier: 'SOUTHEAST' },
  { category: 'plumbing', name: "PTFE plumber's tape", template: '{b} {n}', brands: ['Oatey', 'Harvey'], sizes: [['', 1.99, 24]], pop: 1.2, supplier: 'SOUTHEAST', markup: [0.4, 0.5] },
  { category: 'plumbing', name: 'drain opener', template: '{b} {n} {s}', brands: ['Drano', 'Liquid-Plumr'], sizes: [['32 oz', 8.99, 12]], pop: 1.2, supplier: 'MIDWEST' },
  { category: 'plumbing', name: 'plunger', template: '{b} {n}', brands: ['Korky', 'Cobra'], sizes: [['', 12.99, 6]], pop: 0.7, supplier: 'SOUTHEAST' },
  { category: 'plumbing', name: 'shower head', template: '{b} {n}', brands: [['Moen', 1.2], 'Delta', 'Waterpik'], sizes: [['', 39.99, 4]], pop: 0.5, supplier: 'SOUTHEAST' },
  { category: 'plumbing', name: 'braided supply line', template: '{b} {v} {n}', brands: ['Fluidmaster', ['Everbilt', 0.9]], variants: ['20 in faucet', '12 in toilet'], sizes: [['', 7.99, 12]], pop: 0.9, supplier: 'SOUTHEAST' },

  // electrical
  { category: 'electrical', name: 'extension cord', template: '{b} {s} {n}', brands: ['Southwire', 'Woods'], sizes: [['indoor 6 ft', 7.99, 12], ['outdoor 25 ft', 19.99, 6]], pop: 1.2, december: 2, supplier: 'BRIGHTLINE' },
  { category: 'electrical', name: 'power strip 6-outlet', template: '{b} {n}', brands: ['Belkin', 'GE'], sizes: [['', 15.99, 6]], pop: 0.8, supplier: 'BRIGHTLINE' },
  { category: 'electrical', name: 'duplex outlet 15A', template: '{b} {v} {n} ({s})', brands: ['Leviton', 'Eaton'], variants: ['white', 'ivory'], sizes: [['single', 1.99, 25]], pop: 1, supplier: 'BRIGHTLINE', markup: [0.4, 0.5] },
  { category: 'electrical', name: 'light switch', template: '{b} {v} {n}', brands: ['Leviton', 'Eaton'], variants: ['single-pole', '3-way'], sizes: [['', 2.99, 25]], pop: 0.9, supplier: 'BRIGHTLINE', markup: [0.4, 0.5] },
  { category: 'electrical', name: 'GFCI outlet 15A', template: '{b} {n}', brands: ['Leviton', 'Eaton'], sizes: [['', 19.99, 6]], pop: 0.5, supplier: 'BRIGHTLINE' },
  { category: 'electrical', name: 'NM-B wire 14/2', template: '{b} {n} {s}', brands: ['Southwire'], sizes: [['25 ft', 24.99, 6], ['50 ft', 42.99, 4]], pop: 0.6, supplier: 'BRIGHTLINE' },
  { category: 'electrical', name: 'electrical tape', template: '{b} {n}', brands: ['3M', 'Scotch'], sizes: [['', 3.99, 24]], pop: 1, supplier: 'BRIGHTLINE' },
  { category: 'electrical', name: 'wire connectors assorted', template: '{b} {n}', brands: ['Ideal', 'Wago'], sizes: [['', 6.99, 12]], pop: 0.7, supplier: 'BRIGHTLINE' },

  // paint
  { category: 'paint', name: 'interior paint', template: '{b} {v} {n} {s}', brands: [['Behr', 1.1], 'Valspar', ['Glidden', 0.85]], variants: ['eggshell', 'flat', 'semi-gloss'], sizes: [['1 gal', 38, 4]], pop: 1.1, spring: 1.4, supplier: 'COASTAL', markup: [0.35, 0.5] },
  { category: 'paint', name: 'exterior paint satin', template: '{b} {n} {s}', brands: ['Behr', 'Valspar'], sizes: [['1 gal', 44, 4]], pop: 0.6, spring: 2, supplier: 'COASTAL', markup: [0.35, 0.5] },
  { category: 'paint', name: 'spray paint', template: '{b} {v} {n} {s}', brands: ['Rust-Oleum', 'Krylon'], variants: ['gloss black', 'flat white'], sizes: [['12 oz', 6.98, 6]], pop: 1, supplier: 'COASTAL' },
  { category: 'paint', name: 'primer', template: '{b} {n} {s}', brands: ['Kilz', 'Zinsser'], sizes: [['1 gal', 27.98, 4]], pop: 0.6, supplier: 'COASTAL' },
  { category: 'paint', name: 'paint roller kit', template: '{b} {n}', brands: ['Purdy', 'Wooster'], sizes: [['', 14.99, 6]], pop: 0.8, spring: 1.4, supplier: 'COASTAL' },
  { category: 'paint', name: "painter's tape", template: '{b} {n} {s}', brands: ['ScotchBlue', 'FrogTape'], sizes: [['1.41 in x 60 yd', 7.49, 24]], pop: 1.2, supplier: 'COASTAL' },
  { category: 'paint', name: 'caulk', template: '{b} {v} {n} {s}', brands: ['DAP', 'GE'], variants: ['white', 'clear'], sizes: [['10.1 oz', 5.98, 12]], pop: 0.9, supplier: 'COASTAL' },
  { category: 'paint', name: 'wood stain', template: '{b} {v} {n} {s}', brands: ['Minwax'], variants: ['Golden Oak', 'Dark Walnut', 'Ebony'], sizes: [['1 qt', 12.98, 6]], pop: 0.5, spring: 1.6, supplier: 'COASTAL' },

  // garden
  { category: 'garden', name: 'potting mix', template: '{b} {n} {s}', brands: ['Miracle-Gro', 'Scotts'], sizes: [['1 cu ft', 11.97, 10], ['2 cu ft', 19.97, 6]], pop: 1.2, spring: 3, supplier: 'GREENLEAF' },
  { category: 'garden', name: 'lawn fertilizer (5,000 sq ft)', template: '{b} {n}', brands: ['Scotts Turf Builder', 'Miracle-Gro'], sizes: [['', 29.97, 4]], pop: 0.6, spring: 3.5, supplier: 'GREENLEAF' },
  { category: 'garden', name: 'grass seed', template: '{b} {n} {s}', brands: ['Scotts', 'Pennington'], sizes: [['3 lb', 24.97, 6]], pop: 0.5, spring: 3.5, supplier: 'GREENLEAF' },
  { category: 'garden', name: 'garden hose', template: '{b} {s} {n}', brands: ['Flexzilla', 'Gilmour'], sizes: [['50 ft', 39.97, 4]], pop: 0.6, spring: 2.6, supplier: 'GREENLEAF' },
  { category: 'garden', name: 'hose nozzle', template: '{b} {n}', brands: ['Gilmour', 'Melnor'], sizes: [['', 9.97, 12]], pop: 0.6, spring: 2.2, supplier: 'GREENLEAF' },
  { category: 'garden', name: 'pruning shears', template: '{b} {n}', brands: ['Fiskars', 'Corona'], sizes: [['', 19.97, 6]], pop: 0.5, spring: 2, supplier: 'GREENLEAF' },
  { category: 'garden', name: 'garden gloves', template: '{b} {n} ({s})', brands: ['Wells Lamont', 'Firm Grip'], sizes: [['L', 8.97, 12]], pop: 0.7, spring: 1.8, supplier: 'GREENLEAF' },
  { category: 'garden', name: 'mulch', template: '{b} {v} {n} {s}', brands: ['Scotts Nature Scapes'], variants: ['red', 'brown', 'black'], sizes: [['2 cu ft', 4.47, 20]], pop: 1.6, basket: 4, spring: 3.5, supplier: 'GREENLEAF', markup: [0.3, 0.45] },
  { category: 'garden', name: 'weed killer', template: '{b} {n} {s}', brands: ['Roundup', 'Spectracide'], sizes: [['32 oz', 14.97, 6]], pop: 0.6, spring: 2.6, supplier: 'GREENLEAF' },
  { category: 'garden', name: 'round point shovel', template: '{b} {n}', brands: ['True Temper', 'Fiskars'], sizes: [['', 29.97, 4]], pop: 0.3, spring: 1.8, supplier: 'GREENLEAF' },

  // lighting
  { category: 'lighting', name: 'LED bulb', template: '{b} {n} {v} ({s})', brands: ['Philips', 'GE', ['Cree', 1.1]], variants: ['A19 60W equivalent soft white', 'A19 60W equivalent daylight'], sizes: [['4-pack', 9.97, 12]], pop: 1.2, supplier: 'BRIGHTLINE' },
  { category: 'lighting', name: 'BR30 LED flood bulb', template: '{b} {n}', brands: ['Philips', 'GE'], sizes: [['', 12.97, 12]], pop: 0.6, supplier: 'BRIGHTLINE' },
  { category: 'lighting', name: 'AA alkaline batteries', template: '{b} {n} ({s})', brands: ['Duracell', 'Energizer'], sizes: [['8-pack', 9.97, 12], ['24-pack', 19.97, 6]], pop: 1.6, december: 2, supplier: 'BRIGHTLINE' },
  { category: 'lighting', name: 'AAA alkaline batteries', template: '{b} {n} ({s})', brands: ['Duracell'], sizes: [['8-pack', 9.97, 12]], pop: 1.1, december: 2, supplier: 'BRIGHTLINE' },
  { category: 'lighting', name: 'LED string lights 100-count', template: '{b} {n} {v}', brands: ['Philips', 'GE'], variants: ['warm white', 'multicolor'], sizes: [['', 14.97, 12]], pop: 0.12, december: 25, supplier: 'BRIGHTLINE' },
  { category: 'lighting', name: 'motion sensor flood light', template: '{b} {n}', brands: ['Defiant', 'Halo'], sizes: [['', 49.97, 4]], pop: 0.3, supplier: 'BRIGHTLINE' },

  // storage and shop
  { category: 'storage', name: 'storage tote 27 gal', template: '{b} {n}', brands: ['Sterilite', 'HDX'], sizes: [['', 12.97, 6]], pop: 0.7, supplier: 'MIDWEST' },
  { category: 'storage', name: 'wet/dry shop vacuum 5 gal', template: '{b} {n}', brands: ['Craftsman', 'Ridgid'], sizes: [['', 89, 2]], pop: 0.25, december: 1.8, supplier: 'PACIFIC' },
  { category: 'storage', name: 'contractor trash bags 42 gal', template: '{b} {n} ({s})', brands: ['Husky'], sizes: [['20-count', 19.97, 6]], pop: 0.8, supplier: 'MIDWEST' },
  { category: 'storage', name: 'lubricant spray', template: '{b} {n} {s}', brands: ['WD-40'], sizes: [['8 oz', 5.98, 12], ['12 oz', 7.98, 12]], pop: 1, supplier: 'MIDWEST' },
  { category: 'storage', name: 'super glue', template: '{b} {n}', brands: ['Gorilla', 'Loctite'], sizes: [['', 5.97, 24]], pop: 0.9, supplier: 'MIDWEST' },
  { category: 'storage', name: 'duct tape', template: '{b} {n}', brands: ['Duck', 'Gorilla'], sizes: [['', 7.97, 12]], pop: 1, supplier: 'MIDWEST' },
];

export const CLIENTE2_SKU_PREFIX: Record<string, string> = {
  'hand tools': 'HT',
  'power tools': 'PT',
  fasteners: 'FS',
  plumbing: 'PL',
  electrical: 'EL',
  paint: 'PA',
  garden: 'GA',
  lighting: 'LT',
  storage: 'ST',
};

export function cliente2Products(seed: number) {
  return buildProducts(LINES, {
    tenant: 'cliente2',
    seed,
    skuPrefix: CLIENTE2_SKU_PREFIX,
    brandSupplier: {},
    categorySupplier: {},
    defaultSupplier: 'MIDWEST',
    defaultTax: {},
    barcode: 'upc-a',
    defaultMarkup: [0.3, 0.45],
    charmPrices: true,
  });
}

export function cliente2Spec(seed: number): TenantSpec {
  return {
    id: 'cliente2',
    name: 'Cliente 2 S.A.',
    plan: 'standard',
    settings: CLIENTE2_SETTINGS,
    stores: CLIENTE2_STORES,
    suppliers: CLIENTE2_SUPPLIERS.map((s) => ({ ...s })),
    products: cliente2Products(seed),
    historyDays: 365,
    linesPerStoreDay: 150,
    bolivares: false,
    profile: {
      weekday: [1.2, 0.85, 0.82, 0.85, 0.92, 1.08, 1.5],
      payday: 1.08,
      paydayAfter: 1.03,
      ticketLines: 2.2,
      usdInflation: 0.03,
      closed: [
        [12, 25],
        [1, 1],
      ],
      reviewCycleDays: 14,
      safetyZ: 0.85,
      thanksgivingClosed: true,
      promotionsPerYear: 6,
      disruptionsPerYear: 2,
    },
  };
}
