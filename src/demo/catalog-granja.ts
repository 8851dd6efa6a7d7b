/**
 * La Granja Mercado: a Venezuelan supermarket chain. Six stores, ~16 distributors and a grocery
 * catalogue of well-known local brands. Amounts are US-dollar list prices; the simulation turns
 * them into bolívares at the day's BCV rate, as Venezuelan shelves do.
 */
import { DEFAULT_SETTINGS, type TenantSettings } from '../server/features/tenants/schema.js';
import { buildProducts, type LineDef, type StoreSpec, type SupplierSpec, type TenantSpec } from './catalog.js';

export const GRANJA_SETTINGS: TenantSettings = {
  ...DEFAULT_SETTINGS,
  currency: 'VES',
  timezone: 'America/Caracas',
  locale: 'es-VE',
  features: ['inventory', 'sales', 'ai-insights', 'forecasting'],
  primaryColor: '#10b981',
  secondaryColor: '#059669',
  logoUrl: null,
  showVenezuelanTaxes: true,
  allowImpersonation: true,
};

export const GRANJA_STORES: StoreSpec[] = [
  { code: 'CCS1', name: 'La Granja Chacao', city: 'Caracas', address: 'Av. Francisco de Miranda, Chacao, Caracas', traffic: 1.35 },
  { code: 'CCS2', name: 'La Granja El Cafetal', city: 'Caracas', address: 'Bulevar El Cafetal, Baruta, Caracas', traffic: 1.05 },
  { code: 'VLN1', name: 'La Granja Valencia Prebo', city: 'Valencia', address: 'Av. Bolívar Norte, Urb. Prebo, Valencia, Carabobo', traffic: 1.1 },
  { code: 'MAR1', name: 'La Granja Maracaibo 5 de Julio', city: 'Maracaibo', address: 'Calle 77 (5 de Julio) con Av. 3H, Maracaibo, Zulia', traffic: 0.95 },
  { code: 'BRM1', name: 'La Granja Barquisimeto Este', city: 'Barquisimeto', address: 'Av. Lara, Urb. Nueva Segovia, Barquisimeto, Lara', traffic: 0.85 },
  { code: 'PLC1', name: 'La Granja Lechería', city: 'Puerto La Cruz', address: 'Av. Principal de Lechería, Anzoátegui', traffic: 0.7 },
];

const sup = (code: string, name: string, domain: string, phone: string, leadTimeDays: number, lateRate: number, missRate: number): SupplierSpec => ({
  code,
  name,
  email: `pedidos@${domain}`,
  phone,
  leadTimeDays,
  lateRate,
  missRate,
});

export const GRANJA_SUPPLIERS: SupplierSpec[] = [
  sup('POLAR', 'Alimentos Polar Comercial C.A.', 'alimentospolar.com.ve', '+58 212 202 3111', 5, 0.08, 0.02),
  sup('CERVPOLAR', 'Cervecería Polar C.A.', 'cerveceriapolar.com.ve', '+58 212 202 3222', 4, 0.06, 0.015),
  sup('PEPSI', 'Pepsi-Cola Venezuela C.A.', 'pepsicola.com.ve', '+58 212 203 4400', 5, 0.08, 0.02),
  sup('KOF', 'Coca-Cola FEMSA de Venezuela S.A.', 'kof.com.ve', '+58 212 206 5000', 5, 0.07, 0.02),
  sup('PLUMROSE', 'Plumrose Latinoamericana C.A.', 'plumrose.com.ve', '+58 243 550 1200', 3, 0.07, 0.02),
  sup('LOSANDES', 'Lácteos Los Andes C.A.', 'losandes.com.ve', '+58 212 300 7700', 3, 0.08, 0.02),
  sup('NESTLE', 'Nestlé Venezuela S.A.', 'nestle.com.ve', '+58 212 957 8000', 10, 0.12, 0.03),
  sup('CARGILL', 'Cargill de Venezuela S.R.L.', 'cargill.com.ve', '+58 241 874 2000', 7, 0.1, 0.03),
  sup('PG', 'Procter & Gamble de Venezuela S.C.A.', 'pg.com.ve', '+58 212 263 9000', 14, 0.15, 0.04),
  sup('COLGATE', 'Colgate-Palmolive C.A.', 'colgate.com.ve', '+58 241 613 2000', 12, 0.12, 0.03),
  sup('KIMBERLY', 'Kimberly-Clark Venezuela C.A.', 'kcc.com.ve', '+58 241 839 3000', 10, 0.1, 0.03),
  sup('UNILEVER', 'Unilever Andina Venezuela S.A.', 'unilever.com.ve', '+58 212 903 5000', 12, 0.12, 0.03),
  sup('FRUVER', 'Distribuidora Frutas y Verduras del Centro C.A.', 'fruvercentro.com.ve', '+58 243 237 1010', 2, 0.05, 0.01),
  sup('FRIGO', 'Frigorífico Industrial Los Llanos C.A.', 'frigollanos.com.ve', '+58 255 623 4040', 2, 0.06, 0.015),
  sup('BIMBO', 'Bimbo de Venezuela C.A.', 'bimbo.com.ve', '+58 212 239 0011', 3, 0.06, 0.015),
  sup('CENTRAL', 'Centro de Producción La Granja C.A.', 'lagranjamercado.com.ve', '+58 212 285 3300', 2, 0.03, 0.005),
  sup('TUNAL', 'Distribuidora Mayorista El Tunal C.A.', 'eltunal.com.ve', '+58 251 446 1900', 6, 0.1, 0.03),
];

const BRAND_SUPPLIER: Record<string, string> = {
  'P.A.N.': 'POLAR', Primor: 'POLAR', Mavesa: 'POLAR', Nelly: 'POLAR', Efe: 'POLAR', Underwood: 'POLAR', Vatel: 'POLAR',
  Quaker: 'PEPSI', Toddy: 'PEPSI', Pepsi: 'PEPSI', 'Pepsi Black': 'PEPSI', Golden: 'PEPSI', '7up': 'PEPSI', Gatorade: 'PEPSI',
  Lipton: 'PEPSI', Yukery: 'PEPSI', Doritos: 'PEPSI', 'Cheese Tris': 'PEPSI', Natuchips: 'PEPSI', Pepito: 'PEPSI', Platanitos: 'PEPSI',
  'Polar Pilsen': 'CERVPOLAR', 'Polar Light': 'CERVPOLAR', Solera: 'CERVPOLAR', 'Solera Azul': 'CERVPOLAR', 'Maltín Polar': 'CERVPOLAR',
  Minalba: 'CERVPOLAR', Zulia: 'CERVPOLAR', Regional: 'CERVPOLAR', 'Regional Light': 'CERVPOLAR', Pomar: 'CERVPOLAR',
  'Coca-Cola': 'KOF', 'Coca-Cola Sin Azúcar': 'KOF', Frescolita: 'KOF', Chinotto: 'KOF', 'Hit Naranja': 'KOF', 'Hit Uva': 'KOF',
  'Hit Piña': 'KOF', 'Hit Manzana': 'KOF', Nevada: 'KOF', 'Del Valle': 'KOF', Powerade: 'KOF',
  Plumrose: 'PLUMROSE', Fiesta: 'PLUMROSE', 'Oscar Mayer': 'PLUMROSE',
  'Los Andes': 'LOSANDES', 'La Campiña': 'LOSANDES', Frica: 'LOSANDES',
  'Nestlé': 'NESTLE', Nido: 'NESTLE', Nescafé: 'NESTLE', 'La Lechera': 'NESTLE', Carabobo: 'NESTLE', Savoy: 'NESTLE',
  "Kellogg's": 'NESTLE', Maggi: 'NESTLE', Purina: 'NESTLE',
  Diana: 'CARGILL', Mazeite: 'CARGILL', Ronco: 'CARGILL', 'Robin Hood': 'CARGILL', Pampero: 'CARGILL',
  Ace: 'PG', Ariel: 'PG', Downy: 'PG', 'Head & Shoulders': 'PG', Pantene: 'PG', Pampers: 'PG', Always: 'PG', Gillette: 'PG',
  'Oral-B': 'PG', 'Herbal Essences': 'PG',
  Colgate: 'COLGATE', Protex: 'COLGATE', Palmolive: 'COLGATE', Axión: 'COLGATE', Suavitel: 'COLGATE', Fabuloso: 'COLGATE',
  'Speed Stick': 'COLGATE', 'Lady Speed Stick': 'COLGATE',
  Huggies: 'KIMBERLY', Kotex: 'KIMBERLY', Scott: 'KIMBERLY',
  Dove: 'UNILEVER', Sedal: 'UNILEVER', Rexona: 'UNILEVER', Lux: 'UNILEVER', "Hellmann's": 'UNILEVER', 'Savital': 'UNILEVER',
  Holsum: 'BIMBO', Bimbo: 'BIMBO', Marinela: 'BIMBO',
  'La Granja': 'CENTRAL',
};

// Sizes are [label, US$ list price, units per case].
const LINES: LineDef[] = [
  // ---------------------------------------------------------------------------------- víveres
  { category: 'víveres', name: 'Harina de maíz precocida', brands: ['P.A.N.', ['Juana', 0.92], ['Doña Arepa', 0.9], ['Mimasa', 0.88]], variants: ['blanca', 'amarilla'], sizes: [['1 kg', 1.15, 20]], tax: 'exempt', pop: 14, basket: 2.1 },
  { category: 'víveres', name: 'Arroz', brands: ['Mary', 'Primor', ['Los Llanos', 0.9], ['Acarigua', 0.88]], sizes: [['1 kg', 1.3, 24], ['900 g', 1.18, 24]], tax: 'exempt', pop: 9, basket: 1.8 },
  { category: 'víveres', name: 'Pasta', brands: ['Primor', 'Ronco', ['Capri', 0.93], ['Sindoni', 1.05]], variants: ['espagueti', 'vermicelli', 'pluma', 'tornillo'], sizes: [['500 g', 0.95, 24]], tax: 'exempt', pop: 5, basket: 1.9 },
  { category: 'víveres', name: 'Pasta', brands: ['Primor', 'Ronco'], variants: ['espagueti'], sizes: [['1 kg', 1.8, 12]], tax: 'exempt', pop: 2.5, basket: 1.4 },
  { category: 'víveres', name: 'Aceite', brands: ['Vatel', 'Diana', ['Mazeite', 0.95], ['Coamo', 0.9]], variants: ['de soya', 'mixto'], sizes: [['1 L', 3.5, 12], ['500 ml', 1.95, 24]], tax: 'exempt', pop: 4, basket: 1.2 },
  { category: 'víveres', name: 'Azúcar', brands: ['Montalbán', ['La Pastora', 0.96], ['Central El Palmar', 0.94]], variants: ['refinada', 'morena'], sizes: [['1 kg', 1.4, 20]], tax: 'exempt', pop: 5, basket: 1.4 },
  { category: 'víveres', name: 'Granos', template: '{v} {b} {s}', brands: ['Mary', 'Primor', ['Pantera', 0.92], ['Los Llanos', 0.9]], variants: ['Caraotas negras', 'Caraotas rojas', 'Lentejas', 'Arvejas amarillas', 'Frijoles bayos'], sizes: [['500 g', 1.25, 24]], tax: 'exempt', pop: 3.5, basket: 1.3 },
  { category: 'víveres', name: 'Café', brands: ['Fama de América', 'Madrid', ['El Peñón', 0.95], ['Flor de Arauca', 1.08], ['Amanecer', 0.92]], variants: ['molido'], sizes: [['250 g', 3.2, 24], ['500 g', 6.1, 12]], tax: 'exempt', pop: 4, basket: 1.1 },
  { category: 'víveres', name: 'Sal', brands: ['Diana', ['Los Roques', 0.9]], variants: ['fina', 'gruesa'], sizes: [['1 kg', 0.55, 24]], tax: 'exempt', pop: 1.2 },
  { category: 'víveres', name: 'Mayonesa', brands: ['Mavesa', "Hellmann's", ['Kraft', 1.1], ['Heinz', 1.12]], sizes: [['445 g', 3.4, 12], ['910 g', 6.2, 12]], tax: 'exempt', pop: 3 },
  { category: 'víveres', name: 'Salsa de tomate', brands: ['Heinz', 'Pampero', ['Kraft', 1.05], ['Del Monte', 0.95]], sizes: [['397 g', 2.4, 24], ['1 kg', 4.9, 12]], tax: 'exempt', pop: 2.5 },
  { category: 'víveres', name: 'Atún', brands: ['Margarita', ['La Gaviota', 0.95], ['Eveba', 0.9]], variants: ['en aceite', 'en agua'], sizes: [['140 g', 1.6, 48]], tax: 'exempt', pop: 3, basket: 1.6 },
  { category: 'víveres', name: 'Sardinas', brands: ['Margarita', ['La Gaviota', 0.95], ['Yolanda', 0.9]], variants: ['en salsa de tomate', 'en aceite vegetal'], sizes: [['170 g', 1.1, 48]], tax: 'exempt', pop: 2.5, basket: 1.8 },
  { category: 'víveres', name: 'Avena en hojuelas', brands: ['Quaker', ['Lassie', 0.9]], variants: ['tradicional', 'instantánea'], sizes: [['400 g', 2.1, 24]], tax: 'exempt', pop: 2 },
  { category: 'víveres', name: 'Harina de trigo', brands: ['Robin Hood', ['Juana', 0.95], ['Purísima', 0.92]], variants: ['todo uso', 'leudante'], sizes: [['1 kg', 1.6, 20]], tax: 'exempt', pop: 2 },
  { category: 'víveres', name: 'Diablitos', template: '{n} {b} {s}', brands: ['Underwood'], sizes: [['115 g', 2.6, 48], ['54 g', 1.4, 48]], tax: 'general', pop: 2.5, basket: 1.5 },
  { category: 'víveres', name: 'Huevos', template: '{n} {v} {b} {s}', brands: [['La Granja', 1], ['Avícola El Tunal', 0.95]], variants: ['blancos'], sizes: [['cartón 30 und', 5.8, 12], ['cartón 12 und', 2.5, 24]], tax: 'exempt', pop: 6, supplier: 'TUNAL' },
  { category: 'víveres', name: 'Vinagre', brands: ['Regio', ['La Pastora', 0.92]], variants: ['blanco', 'de manzana'], sizes: [['500 ml', 0.9, 24]], tax: 'exempt', pop: 1 },
  { category: 'víveres', name: 'Salsa de soya', brands: ['Kikkoman', ['China', 0.7]], sizes: [['150 ml', 1.5, 24]], pop: 0.6 },
  { category: 'víveres', name: 'Salsa inglesa', brands: ["Lea & Perrins", ['Pampero', 0.7]], sizes: [['150 ml', 1.8, 24]], pop: 0.5 },
  { category: 'víveres', name: 'Galletas', template: '{n} {v} {b} {s}', brands: ['Puig', ['Nestlé', 1.1]], variants: ['María', 'de soda', 'integrales', 'de avena'], sizes: [['paquete 9 und', 1.3, 24]], pop: 3 },
  { category: 'víveres', name: 'Galletas', template: '{b} {v} {s}', brands: ['Oreo', 'Club Social', ['Susy', 0.8], ['Cocosette', 0.85]], sizes: [['paquete', 0.9, 36], ['six pack', 4.6, 12]], pop: 3.5, basket: 1.6 },
  { category: 'víveres', name: 'Chocolate', template: '{n} {b} {v} {s}', brands: ['Savoy'], variants: ['de leche', 'Carré', 'Cri-Cri', 'Toronto', 'Samba', 'oscuro 55 %'], sizes: [['30 g', 0.8, 48], ['130 g', 2.9, 24]], pop: 3, december: 1.5 },
  { category: 'víveres', name: 'Pasapalos', template: '{b} {v} {s}', brands: ['Doritos', 'Cheese Tris', 'Pepito', ['Natuchips', 0.9], ['Platanitos', 0.9]], variants: ['clásico'], sizes: [['45 g', 0.9, 48], ['150 g', 2.3, 24]], pop: 4, basket: 1.4 },
  { category: 'víveres', name: 'Cereal', template: '{b} {v} {s}', brands: ["Kellogg's"], variants: ['Corn Flakes', 'Zucaritas', 'Froot Loops', 'All-Bran'], sizes: [['300 g', 3.9, 12], ['500 g', 5.9, 12]], pop: 1.6 },
  { category: 'víveres', name: 'Vegetales en lata', template: '{v} {b} {s}', brands: ['Del Monte', ['La Giralda', 0.85]], variants: ['Maíz dulce', 'Petit pois', 'Vegetales mixtos', 'Champiñones rebanados', 'Palmitos'], sizes: [['300 g', 1.7, 24]], pop: 1.2 },
  { category: 'víveres', name: 'Compota', brands: ['Heinz', ['Gerber', 1.1]], variants: ['de manzana', 'de pera', 'de durazno', 'mixta'], sizes: [['113 g', 0.95, 48]], pop: 1.2, basket: 2.5 },
  { category: 'víveres', name: 'Gelatina', brands: ['Royal'], variants: ['fresa', 'uva', 'limón', 'piña'], sizes: [['85 g', 0.8, 48]], pop: 1 },
  { category: 'víveres', name: 'Café instantáneo', brands: ['Nescafé'], variants: ['clásico', 'descafeinado'], sizes: [['50 g', 3.4, 24], ['100 g', 6.3, 12], ['170 g', 9.8, 12]], pop: 1.2 },
  { category: 'víveres', name: 'Bebida achocolatada', brands: ['Toddy', ['Nestlé', 1.05]], sizes: [['400 g', 4.1, 24], ['200 g', 2.2, 24], ['800 g', 7.8, 12]], pop: 1.6 },
  { category: 'víveres', name: 'Papelón', brands: ['El Trapiche', ['Central Tacarigua', 0.95]], variants: ['en panela', 'rallado'], sizes: [['500 g', 1.1, 24]], tax: 'exempt', pop: 1, december: 1.4 },
  { category: 'víveres', name: 'Maíz para cotufas', brands: ['Mary', ['Pantera', 0.9]], sizes: [['500 g', 1.3, 24]], pop: 0.6 },
  { category: 'víveres', name: 'Salsa para pasta', brands: ['Pampero', ['Heinz', 1.05], ['Del Monte', 1]], variants: ['napolitana', 'bolognesa', 'con champiñones'], sizes: [['490 g', 2.4, 12]], pop: 1.2 },
  { category: 'víveres', name: 'Consomé', brands: ['Maggi', ['Knorr', 1]], variants: ['de pollo', 'de res'], sizes: [['caja 12 cubitos', 1.1, 48]], pop: 1.5, basket: 1.4 },
  { category: 'víveres', name: 'Alimento para perros', brands: ['Purina', ['Dog Chow', 1.0], ['Super Can', 0.75]], variants: ['adulto', 'cachorro'], sizes: [['2 kg', 7.9, 8]], pop: 0.8 },
  { category: 'víveres', name: 'Alimento para gatos', brands: ['Purina', ['Gatsy', 0.8]], variants: ['adulto'], sizes: [['1,5 kg', 6.9, 8]], pop: 0.5 },

  // ------------------------------------------------------------------------------ charcutería
  { category: 'charcutería', name: 'Jamón', brands: ['Plumrose', ['Fiesta', 0.9], ['Oscar Mayer', 1.1], ['La Granja', 0.95]], variants: ['de pierna', 'cocido superior', 'ahumado', 'de pavo'], sizes: [['rebanado 250 g', 3.9, 20], ['pieza 1 kg', 14.5, 6]], tax: 'reduced', pop: 4.5, december: 1.9, markup: [0.22, 0.4] },
  { category: 'charcutería', name: 'Mortadela', brands: ['Plumrose', ['Fiesta', 0.9], ['La Granja', 0.95]], variants: ['tipo Bologna', 'con aceitunas'], sizes: [['rebanada 250 g', 1.9, 20], ['pieza 1 kg', 6.6, 6]], tax: 'exempt', pop: 4, markup: [0.15, 0.25] },
  { category: 'charcutería', name: 'Salchichas', brands: ['Plumrose', ['Oscar Mayer', 1.12], ['Fiesta', 0.9]], variants: ['tipo Viena', 'de pollo', 'Frankfurt'], sizes: [['225 g', 2.1, 24]], tax: 'reduced', pop: 3 },
  { category: 'charcutería', name: 'Tocineta', brands: ['Plumrose', ['Oscar Mayer', 1.1]], variants: ['ahumada'], sizes: [['150 g', 3.6, 20]], tax: 'reduced', pop: 1.2 },
  { category: 'charcutería', name: 'Queso amarillo', brands: ['Los Andes', ['La Torre', 0.95]], variants: ['gouda', 'holandés', 'mozzarella', 'cheddar', 'paisa'], sizes: [['rebanado 200 g', 3.2, 20]], tax: 'reduced', pop: 2.5, december: 1.3 },
  { category: 'charcutería', name: 'Queso', template: '{n} {v} {b} {s}', brands: [['El Tocuyo', 1], ['Quesera Barinas', 0.9]], variants: ['blanco duro', 'llanero', 'de mano', 'telita', 'guayanés', 'palmita'], sizes: [['500 g', 3.6, 10]], tax: 'exempt', pop: 3.2, markup: [0.15, 0.25] },
  { category: 'charcutería', name: 'Chorizo', brands: ['Plumrose', ['La Granja', 0.95]], variants: ['carupanero', 'ahumado'], sizes: [['500 g', 4.2, 12]], tax: 'reduced', pop: 1.2 },
  { category: 'charcutería', name: 'Salami', brands: ['Plumrose', ['Oscar Mayer', 1.1]], variants: ['tipo Milano', 'pepperoni'], sizes: [['100 g', 2.6, 24]], tax: 'reduced', pop: 0.8 },
  { category: 'charcutería', name: 'Pernil ahumado', brands: ['Plumrose', ['La Granja', 0.95]], sizes: [['pieza 1 kg', 9.8, 4]], tax: 'reduced', pop: 0.5, december: 4 },
  { category: 'charcutería', name: 'Pechuga de pavo ahumada', brands: ['Plumrose', ['Oscar Mayer', 1.1]], sizes: [['rebanada 150 g', 3.9, 20]], tax: 'reduced', pop: 0.8 },

  // ---------------------------------------------------------------------------------- carnes
  { category: 'carnes', name: 'Res', template: '{v} de res {b} {s}', brands: ['La Granja'], variants: ['Carne molida', 'Carne para mechar', 'Bistec de solomo', 'Lomito', 'Pulpa negra', 'Costilla', 'Falda', 'Chocozuela', 'Punta trasera', 'Ossobuco', 'Ganso', 'Muchacho redondo', 'Hígado'], sizes: [['bandeja 1 kg', 8.2, 10], ['bandeja 500 g', 4.3, 20]], tax: 'exempt', unit: 'kg', pop: 3.6, supplier: 'FRIGO', markup: [0.15, 0.28] },
  { category: 'carnes', name: 'Pollo', template: '{v} {b} {s}', brands: [['Purolomo', 1], ['Avícola La Caridad', 0.95]], variants: ['Pollo entero', 'Pechuga de pollo', 'Muslos de pollo', 'Alas de pollo', 'Milanesa de pollo', 'Pollo en piezas', 'Pechuga deshuesada', 'Hígado de pollo'], sizes: [['bandeja 1 kg', 4.6, 10]], tax: 'exempt', unit: 'kg', pop: 4.2, supplier: 'FRIGO', markup: [0.15, 0.25], december: 1.2 },
  { category: 'carnes', name: 'Cerdo', template: '{v} de cerdo {b} {s}', brands: ['La Granja'], variants: ['Chuleta', 'Costilla', 'Lomo', 'Carne molida', 'Pernil', 'Tocino'], sizes: [['bandeja 1 kg', 7.1, 10]], tax: 'exempt', unit: 'kg', pop: 1.8, supplier: 'FRIGO', december: 2.2 },
  { category: 'carnes', name: 'Pescados y mariscos', template: '{v} {b} {s}', brands: ['La Granja'], variants: ['Filete de merluza', 'Pargo entero', 'Cachama', 'Sardina fresca', 'Atún fresco', 'Camarones pelados', 'Filete de salmón', 'Calamares'], sizes: [['bandeja 1 kg', 9.5, 10]], tax: 'exempt', unit: 'kg', pop: 0.9, supplier: 'FRIGO' },

  // ----------------------------------------------------------------------- frutas y verduras
  { category: 'frutas y verduras', name: 'Hortalizas', template: '{v} {s}', brands: ['La Granja'], variants: ['Tomate perita', 'Tomate manzano', 'Cebolla blanca', 'Cebolla morada', 'Papa blanca', 'Zanahoria', 'Pimentón rojo', 'Pimentón verde', 'Ají dulce', 'Pepino', 'Calabacín', 'Berenjena', 'Brócoli', 'Coliflor', 'Remolacha', 'Auyama', 'Repollo', 'Lechuga americana', 'Lechuga romana', 'Vainitas', 'Jengibre', 'Champiñones'], sizes: [['(kg)', 1.6, 20]], tax: 'exempt', unit: 'kg', pop: 3.2, supplier: 'FRUVER', markup: [0.2, 0.4] },
  { category: 'frutas y verduras', name: 'Víveres frescos', template: '{v} {s}', brands: ['La Granja'], variants: ['Yuca', 'Ocumo', 'Ñame', 'Batata', 'Plátano verde', 'Plátano maduro', 'Cambur', 'Cambur titiaro', 'Maíz tierno (jojoto)'], sizes: [['(kg)', 1.2, 20]], tax: 'exempt', unit: 'kg', pop: 5, supplier: 'FRUVER', markup: [0.2, 0.4] },
  { category: 'frutas y verduras', name: 'Frutas', template: '{v} {s}', brands: ['La Granja'], variants: ['Naranja', 'Mandarina', 'Limón', 'Lechosa', 'Piña', 'Melón', 'Patilla', 'Mango', 'Aguacate', 'Parchita', 'Guayaba', 'Fresa', 'Uva roja', 'Manzana roja', 'Manzana verde', 'Pera', 'Durazno', 'Guanábana', 'Coco', 'Tamarindo'], sizes: [['(kg)', 2.1, 20]], tax: 'exempt', unit: 'kg', pop: 2.8, supplier: 'FRUVER', markup: [0.2, 0.4] },
  { category: 'frutas y verduras', name: 'Verduras de hoja', template: '{v} {s}', brands: ['La Granja'], variants: ['Cilantro', 'Cebollín', 'Perejil', 'Apio España', 'Ajoporro', 'Hierbabuena', 'Espinaca'], sizes: [['(manojo)', 0.6, 20]], tax: 'exempt', pop: 2.4, supplier: 'FRUVER', markup: [0.25, 0.4] },
  { category: 'frutas y verduras', name: 'En malla', template: '{v} {s}', brands: ['La Granja'], variants: ['Papa blanca', 'Cebolla blanca', 'Tomate perita', 'Naranja'], sizes: [['malla 2 kg', 3.0, 10]], tax: 'exempt', pop: 2, supplier: 'FRUVER', markup: [0.2, 0.35] },
  { category: 'frutas y verduras', name: 'Ajo', template: '{n} {v} {s}', brands: ['La Granja'], variants: ['nacional', 'importado'], sizes: [['malla 250 g', 1.3, 24], ['cabeza', 0.35, 50]], tax: 'exempt', pop: 2.4, supplier: 'FRUVER' },

  // ---------------------------------------------------------------------------------- lácteos
  { category: 'lácteos', name: 'Leche en polvo', brands: ['La Campiña', 'Los Andes', ['Nido', 1.25], ['Purísima', 0.9]], variants: ['completa'], sizes: [['900 g', 10.5, 12], ['400 g', 5.1, 24]], tax: 'exempt', pop: 3.5, markup: [0.15, 0.25] },
  { category: 'lácteos', name: 'Leche UHT', brands: ['Los Andes', ['La Campiña', 0.97], ['Parmalat', 1.03]], variants: ['completa', 'descremada', 'deslactosada', 'chocolate'], sizes: [['1 L', 1.9, 12]], tax: 'exempt', pop: 4.5, basket: 2.2 },
  { category: 'lácteos', name: 'Yogurt', brands: ['Los Andes', ['Migurt', 1.05]], variants: ['fresa', 'durazno', 'natural', 'mora', 'griego natural'], sizes: [['150 g', 0.9, 24], ['1 L', 3.6, 12]], tax: 'reduced', pop: 2.2, basket: 1.6 },
  { category: 'lácteos', name: 'Queso crema', brands: ['Philadelphia', ['Los Andes', 0.85]], sizes: [['150 g', 2.4, 24], ['300 g', 4.4, 12]], tax: 'reduced', pop: 1.2 },
  { category: 'lácteos', name: 'Mantequilla', brands: ['Los Andes', ['Campo Lindo', 1.05]], variants: ['con sal', 'sin sal'], sizes: [['250 g', 3.4, 24]], tax: 'exempt', pop: 1.5 },
  { category: 'lácteos', name: 'Margarina', brands: ['Mavesa', ['Nelly', 0.9]], variants: ['con sal', 'light'], sizes: [['500 g', 2.9, 24], ['250 g', 1.6, 24]], tax: 'exempt', pop: 4 },
  { category: 'lácteos', name: 'Natilla', brands: ['Los Andes', ['La Campiña', 0.95]], sizes: [['250 g', 1.9, 24], ['500 g', 3.5, 12]], tax: 'exempt', pop: 1.4 },
  { category: 'lácteos', name: 'Suero', brands: ['Los Andes', ['La Pastoreña', 0.9]], variants: ['costeño', 'ahumado'], sizes: [['500 g', 2.1, 12]], tax: 'exempt', pop: 0.9 },
  { category: 'lácteos', name: 'Leche condensada', brands: ['La Lechera', ['Carabobo', 0.85]], sizes: [['397 g', 2.6, 24], ['100 g', 0.9, 48]], tax: 'general', pop: 1.2, december: 1.8 },
  { category: 'lácteos', name: 'Crema de leche', brands: ['Nestlé', ['Los Andes', 0.9]], sizes: [['300 g', 2.7, 24]], pop: 0.8, december: 1.8 },
  { category: 'lácteos', name: 'Helado', template: '{n} {b} {v} {s}', brands: ['Efe', ['Tío Rico', 0.95]], variants: ['vainilla', 'fresa', 'chocolate', 'ron con pasas', 'mantecado', 'napolitano'], sizes: [['1 L', 4.2, 8]], pop: 1.2, december: 1.3 },

  // ---------------------------------------------------------------------------------- bebidas
  { category: 'bebidas', name: 'Refresco', template: '{n} {b} {s}', brands: ['Pepsi', 'Coca-Cola', 'Frescolita', ['Pepsi Black', 1], ['Coca-Cola Sin Azúcar', 1], 'Chinotto', 'Golden', ['Hit Naranja', 0.95], ['Hit Uva', 0.95], ['Hit Piña', 0.95], ['Hit Manzana', 0.95], ['7up', 1]], sizes: [['2 L', 2.0, 8], ['1,5 L', 1.6, 12], ['lata 355 ml', 0.8, 24]], pop: 6.5, basket: 1.7, december: 1.6 },
  { category: 'bebidas', name: 'Malta', template: '{b} {s}', brands: ['Maltín Polar', ['Malta Caracas', 0.9]], sizes: [['botella 250 ml', 0.7, 36], ['lata 355 ml', 0.9, 24], ['1,5 L', 2.1, 12]], pop: 4, basket: 2.4 },
  { category: 'bebidas', name: 'Cerveza', template: '{n} {b} {s}', brands: ['Polar Pilsen', 'Polar Light', 'Solera', ['Solera Azul', 1.05], ['Zulia', 1.0], ['Regional', 0.95], ['Regional Light', 0.95]], sizes: [['tercio 222 ml', 0.75, 36], ['lata 355 ml', 1.05, 24], ['pack 6 latas 355 ml', 6.0, 4]], pop: 5.5, basket: 4.5, december: 1.9 },
  { category: 'bebidas', name: 'Agua', template: '{n} {v} {b} {s}', brands: ['Minalba', ['Nevada', 0.9]], variants: ['mineral', 'con gas'], sizes: [['600 ml', 0.6, 24], ['1,5 L', 1.0, 12], ['botellón 5 L', 2.2, 4]], pop: 4, basket: 1.8 },
  { category: 'bebidas', name: 'Jugo', brands: ['Yukery', 'Frica', ['Del Valle', 1.05]], variants: ['de durazno', 'de pera', 'de manzana', 'de naranja', 'de mango', 'de parchita'], sizes: [['1,5 L', 2.4, 8]], pop: 2.6, basket: 1.6 },
  { category: 'bebidas', name: 'Té frío', template: '{n} {b} {v} {s}', brands: ['Lipton', ['Nestea', 1]], variants: ['limón', 'durazno'], sizes: [['500 ml', 1.0, 24]], pop: 1.2 },
  { category: 'bebidas', name: 'Bebida hidratante', template: '{b} {v} {s}', brands: ['Gatorade'], variants: ['naranja', 'uva', 'tropical', 'limón'], sizes: [['500 ml', 1.3, 24]], pop: 1.2 },
  { category: 'bebidas', name: 'Bebida energética', template: '{b} {v} {s}', brands: ['Red Bull', ['Monster', 1], ['Speed Max', 0.6]], variants: ['original'], sizes: [['lata 250 ml', 2.0, 24], ['lata 473 ml', 3.2, 24]], pop: 1 },
  { category: 'bebidas', name: 'Ron', template: '{n} {b} {v} {s}', brands: ['Santa Teresa', 'Cacique', ['Diplomático', 1.6], ['Pampero', 0.95], ['Carúpano', 1.2]], variants: ['añejo', 'reserva'], sizes: [['750 ml', 11.5, 12]], pop: 1.2, december: 2.5, markup: [0.25, 0.4] },
  { category: 'bebidas', name: 'Whisky', template: '{n} {b} {s}', brands: ["Buchanan's 12 años", ['Old Parr 12 años', 0.95], ['Johnnie Walker Black Label', 1.05], ['Johnnie Walker Red Label', 0.6]], sizes: [['750 ml', 38, 12]], pop: 0.4, december: 3, markup: [0.25, 0.4], supplier: 'TUNAL' },
  { category: 'bebidas', name: 'Vino', template: '{n} {v} {b} {s}', brands: ['Pomar', ['Concha y Toro Casillero', 1.4]], variants: ['tinto', 'blanco', 'rosado'], sizes: [['750 ml', 8.5, 12]], pop: 0.6, december: 2.8 },
  { category: 'bebidas', name: 'Anís', template: '{n} {b} {s}', brands: ['Cartujo', ['Anís Montesa', 0.9]], sizes: [['750 ml', 9, 12]], pop: 0.3, december: 2 },

  // ---------------------------------------------------------------------------------- limpieza
  { category: 'limpieza', name: 'Detergente en polvo', brands: ['Ace', 'Ariel', ['Las Llaves', 0.85], ['Deter', 0.8]], sizes: [['1 kg', 4.2, 12], ['400 g', 1.9, 24], ['2 kg', 7.9, 6]], pop: 3, markup: [0.2, 0.35] },
  { category: 'limpieza', name: 'Jabón en barra', brands: ['Las Llaves', ['Azul Vale', 0.85]], variants: ['azul', 'blanco'], sizes: [['250 g', 0.9, 48]], pop: 1.8, basket: 2 },
  { category: 'limpieza', name: 'Lavaplatos', brands: ['Axión', ['Las Llaves', 0.85], ['Lava', 0.8]], variants: ['limón'], sizes: [['crema 450 g', 2.1, 24], ['líquido 750 ml', 2.9, 12]], pop: 2.2 },
  { category: 'limpieza', name: 'Cloro', brands: ['Nevex', ['Clorox', 1.1], ['Blanquita', 0.85]], sizes: [['1 L', 1.1, 12], ['galón 3,8 L', 3.3, 4]], pop: 2.4 },
  { category: 'limpieza', name: 'Desinfectante', brands: ['Mistolín', ['Fabuloso', 1.05], ['Lysol', 1.3]], variants: ['lavanda', 'pino', 'flores del campo', 'brisa marina'], sizes: [['1 L', 2.1, 12]], pop: 2.2 },
  { category: 'limpieza', name: 'Suavizante', brands: ['Suavitel', ['Downy', 1.15]], variants: ['primavera', 'fresca lavanda'], sizes: [['1 L', 2.9, 12]], pop: 1.3 },
  { category: 'limpieza', name: 'Limpiavidrios', brands: ['Windex', ['Vidrex', 0.75]], sizes: [['500 ml', 2.6, 12]], pop: 0.6 },
  { category: 'limpieza', name: 'Esponja de fregar', brands: ['Scotch-Brite', ['Mr. Brillo', 0.7]], variants: ['doble uso', 'lana de acero'], sizes: [['paquete 3 und', 1.8, 24]], pop: 1.2 },
  { category: 'limpieza', name: 'Bolsas para basura', brands: ['Plastiflex', ['Hefty', 1.3]], variants: ['negras', 'de cocina'], sizes: [['10 und', 1.5, 24]], pop: 1.5 },
  { category: 'limpieza', name: 'Papel toalla', brands: ['Scott', ['Rosal', 0.85]], sizes: [['paquete 2 rollos', 2.4, 12]], pop: 1.2 },
  { category: 'limpieza', name: 'Servilletas', brands: ['Scott', ['Rosal', 0.85]], sizes: [['paquete 100 und', 1.4, 24]], pop: 1 },
  { category: 'limpieza', name: 'Insecticida', brands: ['Baygon', ['Raid', 1.05]], variants: ['mata moscas y mosquitos', 'mata cucarachas'], sizes: [['aerosol 400 ml', 4.9, 12]], pop: 0.9 },
  { category: 'limpieza', name: 'Ambientador', brands: ['Glade', ['Air Wick', 0.95]], variants: ['lavanda', 'brisa marina'], sizes: [['aerosol 360 ml', 2.8, 12]], pop: 0.8 },
  { category: 'limpieza', name: 'Fósforos', brands: ['El Sol', ['Cerillos Fénix', 0.9]], sizes: [['paquete 10 cajas', 1.0, 50]], pop: 0.8 },

  // ------------------------------------------------------------------------ cuidado personal
  { category: 'cuidado personal', name: 'Crema dental', template: '{n} {b} {v} {s}', brands: ['Colgate', ['Oral-B', 1.1], ['Fortident', 0.8]], variants: ['Máxima Protección Anticaries', 'Total 12', 'Triple Acción'], sizes: [['100 ml', 2.3, 48], ['150 ml', 3.2, 24]], pop: 2.6, basket: 1.3 },
  { category: 'cuidado personal', name: 'Cepillo dental', brands: ['Colgate', ['Oral-B', 1.15]], variants: ['suave', 'medio'], sizes: [['1 und', 1.9, 24]], pop: 1 },
  { category: 'cuidado personal', name: 'Champú', brands: ['Head & Shoulders', 'Pantene', 'Sedal', ['Savital', 0.8], ['Herbal Essences', 1.1]], variants: ['clásico', 'reparación'], sizes: [['400 ml', 6.9, 12]], pop: 1.8 },
  { category: 'cuidado personal', name: 'Acondicionador', brands: ['Pantene', 'Sedal', ['Savital', 0.8], ['Herbal Essences', 1.1]], sizes: [['400 ml', 6.5, 12]], pop: 0.9 },
  { category: 'cuidado personal', name: 'Jabón de tocador', brands: ['Protex', 'Palmolive', ['Dove', 1.25], ['Lux', 0.95], ['Las Llaves', 0.7]], variants: ['original', 'avena', 'aloe'], sizes: [['110 g', 1.1, 72]], pop: 2.4, basket: 1.6 },
  { category: 'cuidado personal', name: 'Desodorante', brands: ['Rexona', 'Speed Stick', ['Lady Speed Stick', 1], ['Dove', 1.15], ['Nivea', 1.1]], variants: ['roll-on', 'aerosol'], sizes: [['50 ml', 3.3, 24]], pop: 1.8 },
  { category: 'cuidado personal', name: 'Papel higiénico', brands: ['Rosal', 'Scott', ['Suave', 0.9], ['Higienol', 0.85]], variants: ['doble hoja'], sizes: [['4 rollos', 2.4, 12], ['12 rollos', 6.6, 4]], pop: 4.5, basket: 1.3 },
  { category: 'cuidado personal', name: 'Toallas sanitarias', brands: ['Always', ['Kotex', 0.95], ['Nosotras', 0.9]], variants: ['regulares', 'nocturnas'], sizes: [['paquete 10 und', 2.3, 24]], pop: 1.6 },
  { category: 'cuidado personal', name: 'Pañales', brands: ['Huggies', 'Pampers', ['Chikitin', 0.75]], variants: ['etapa 1 (P)', 'etapa 2 (M)', 'etapa 3 (G)', 'etapa 4 (XG)', 'etapa 5 (XXG)'], sizes: [['paquete 30 und', 11.5, 4]], tax: 'exempt', pop: 1.5 },
  { category: 'cuidado personal', name: 'Toallitas húmedas', brands: ['Huggies', ['Pampers', 1.05]], sizes: [['paquete 80 und', 3.9, 12]], pop: 0.9 },
  { category: 'cuidado personal', name: 'Máquina de afeitar', brands: ['Gillette', ['Schick', 0.85]], variants: ['Prestobarba desechable', 'Mach3'], sizes: [['pack 2 und', 3.4, 24]], pop: 0.8 },
  { category: 'cuidado personal', name: 'Crema de afeitar', brands: ['Gillette', ['Nivea Men', 1]], sizes: [['200 ml', 4.1, 12]], pop: 0.4 },
  { category: 'cuidado personal', name: 'Línea bebé', template: '{v} {b} {s}', brands: ["Johnson's"], variants: ['Champú bebé', 'Colonia bebé', 'Talco bebé', 'Crema bebé'], sizes: [['200 ml', 3.6, 12]], pop: 0.7 },
  { category: 'cuidado personal', name: 'Crema corporal', brands: ['Nivea', ['Vasenol', 0.85]], variants: ['hidratante', 'aloe'], sizes: [['400 ml', 5.4, 12]], pop: 0.7 },

  // -------------------------------------------------------------------------------- panadería
  { category: 'panadería', name: 'Pan', template: '{v} {b} {s}', brands: ['La Granja'], variants: ['Pan canilla', 'Pan campesino', 'Pan francés', 'Pan de queso', 'Pan integral', 'Pan dulce', 'Pan andino', 'Acemita', 'Pan de avena'], sizes: [['(unidad)', 0.7, 30], ['paquete 3 und', 1.9, 10]], tax: 'exempt', pop: 7, basket: 1.6, supplier: 'CENTRAL', markup: [0.25, 0.4] },
  { category: 'panadería', name: 'Panadería dulce y salada', template: '{v} {b} {s}', brands: ['La Granja'], variants: ['Cachito de jamón', 'Golfeado', 'Croissant', 'Pastelito de queso', 'Palmerita', 'Cachito de jamón y queso', 'Empanada de pollo', 'Pan de guayaba'], sizes: [['(unidad)', 1.2, 30], ['bandeja 6 und', 6.6, 6]], pop: 3.2, basket: 1.8, supplier: 'CENTRAL', markup: [0.3, 0.4] },
  { category: 'panadería', name: 'Pan de jamón', brands: ['La Granja'], variants: ['tradicional', 'con queso crema'], sizes: [['(unidad)', 9.5, 6]], pop: 0.12, december: 30, supplier: 'CENTRAL', markup: [0.3, 0.4] },
  { category: 'panadería', name: 'Pan de sándwich', template: '{n} {b} {v} {s}', brands: ['Holsum', 'Bimbo'], variants: ['blanco', 'integral', 'multigranos'], sizes: [['500 g', 2.6, 12]], tax: 'exempt', pop: 3.2 },
  { category: 'panadería', name: 'Pan para perros calientes', template: '{n} {b} {s}', brands: ['Holsum', 'Bimbo'], sizes: [['8 und', 2.0, 12]], tax: 'exempt', pop: 1.2 },
  { category: 'panadería', name: 'Pan para hamburguesas', template: '{n} {b} {s}', brands: ['Holsum', 'Bimbo'], sizes: [['6 und', 2.2, 12]], tax: 'exempt', pop: 1 },
  { category: 'panadería', name: 'Tostadas', brands: ['Bimbo', ['Holsum', 0.95]], variants: ['clásicas', 'integrales'], sizes: [['paquete 250 g', 2.3, 12]], pop: 0.7 },
  { category: 'panadería', name: 'Ponquecito', template: '{b} {v} {s}', brands: ['Marinela', ['Bimbo', 1]], variants: ['Gansito', 'Pingüinos', 'ponqué de vainilla', 'ponqué de chocolate'], sizes: [['unidad', 0.9, 24]], pop: 1.6 },
  { category: 'panadería', name: 'Torta', template: '{v} {b} {s}', brands: ['La Granja'], variants: ['Torta tres leches', 'Torta de chocolate', 'Quesillo', 'Torta de zanahoria', 'Bienmesabe', 'Torta negra'], sizes: [['porción', 2.2, 12], ['entera 1 kg', 14, 2]], pop: 0.7, supplier: 'CENTRAL', december: 1.8, markup: [0.3, 0.4] },
];

export const GRANJA_SKU_PREFIX: Record<string, string> = {
  víveres: 'VIV',
  charcutería: 'CHA',
  carnes: 'CAR',
  'frutas y verduras': 'FYV',
  lácteos: 'LAC',
  bebidas: 'BEB',
  limpieza: 'LIM',
  'cuidado personal': 'CPE',
  panadería: 'PAN',
};

export function granjaProducts(seed: number) {
  return buildProducts(LINES, {
    tenant: 'granja',
    seed,
    skuPrefix: GRANJA_SKU_PREFIX,
    brandSupplier: BRAND_SUPPLIER,
    categorySupplier: {
      'frutas y verduras': 'FRUVER',
      carnes: 'FRIGO',
      panadería: 'CENTRAL',
    },
    defaultTax: {
      'frutas y verduras': 'exempt',
      carnes: 'exempt',
    },
    defaultSupplier: 'TUNAL',
    barcode: 'ean13-759',
    defaultMarkup: [0.18, 0.4],
  });
}

export function granjaSpec(seed: number): TenantSpec {
  return {
    id: 'granja',
    name: 'La Granja Mercado',
    plan: 'premium',
    settings: GRANJA_SETTINGS,
    stores: GRANJA_STORES,
    suppliers: GRANJA_SUPPLIERS.map((s) => ({ ...s })),
    products: granjaProducts(seed),
    historyDays: 730,
    linesPerStoreDay: 410,
    bolivares: true,
    profile: {
      // Sunday … Saturday: weekends are the big shopping days.
      weekday: [1.22, 0.84, 0.8, 0.86, 0.9, 1.1, 1.38],
      payday: 1.35,
      paydayAfter: 1.15,
      ticketLines: 4.6,
      usdInflation: 0.08,
      closed: [
        [12, 25],
        [1, 1],
      ],
      reviewCycleDays: 7,
      safetyZ: 0.75,
      thanksgivingClosed: false,
      promotionsPerYear: 9,
      disruptionsPerYear: 5,
    },
  };
}
