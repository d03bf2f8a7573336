// The words the seeded catalog is made of. Titles and descriptions are built from these, so
// text search, facets and autocomplete have real words to match, and the benchmark can draw
// its queries from the same lists. Order matters: earlier entries are drawn more often
// (Zipf-like), as a few brands, colours and products dominate any real shop.

/**
 * Three levels: root → group → leaf. A leaf is written as the singular noun a product title
 * uses ("Running Shoe"); its category is named by the plural ("Running Shoes"). An irregular
 * plural follows a bar: "Knife|Knives". Every root lists the materials its products are made of.
 */
export interface RootSpec {
  name: string;
  materials: readonly string[];
  /** Attribute name → values, added to a product of this root besides brand, colour and material. */
  attributes: Readonly<Record<string, readonly string[]>>;
  groups: Readonly<Record<string, readonly string[]>>;
}

const clothingSizes = ["XS", "S", "M", "L", "XL", "XXL"];

export const taxonomy: readonly RootSpec[] = [
  {
    name: "Fashion",
    materials: ["Cotton", "Linen", "Wool", "Merino", "Denim", "Silk", "Cashmere", "Leather", "Polyester", "Organic Cotton", "Corduroy", "Fleece"],
    attributes: { size: clothingSizes, fit: ["Slim", "Regular", "Relaxed", "Oversized"] },
    groups: {
      "Women's Clothing": ["Dress|Dresses", "Blouse", "Skirt", "Cardigan", "Jumpsuit", "Trench Coat"],
      "Men's Clothing": ["Shirt", "Chino|Chinos", "Blazer", "Hoodie", "Polo Shirt", "Overcoat"],
      Shoes: ["Sneaker", "Ankle Boot", "Loafer", "Sandal", "Running Shoe", "Chelsea Boot"],
      Bags: ["Backpack", "Tote Bag", "Crossbody Bag", "Weekender Bag", "Wallet", "Laptop Sleeve"],
      Accessories: ["Scarf|Scarves", "Beanie", "Belt", "Sunglasses|Sunglasses", "Leather Glove", "Baseball Cap"],
      "Kids' Clothing": ["Kids' Jacket", "Kids' T-Shirt", "Romper", "Kids' Pyjama Set", "Rain Suit", "Kids' Sweater"],
    },
  },
  {
    name: "Electronics",
    materials: ["Aluminium", "Recycled Plastic", "Stainless Steel", "Glass", "Carbon Fibre", "Silicone", "Magnesium", "Polycarbonate"],
    attributes: { warranty: ["1 year", "2 years", "3 years"], connectivity: ["Bluetooth 5.3", "Wi-Fi 6", "USB-C", "Wi-Fi 6E", "Zigbee"] },
    groups: {
      Audio: ["Wireless Headphone", "Earbud", "Bluetooth Speaker", "Soundbar", "Turntable", "Studio Monitor"],
      Computing: ["Laptop", "Mechanical Keyboard", "Wireless Mouse", "Monitor", "Docking Station", "External SSD"],
      Phones: ["Smartphone", "Phone Case", "Screen Protector", "Wireless Charger", "Power Bank", "Car Mount"],
      Cameras: ["Mirrorless Camera", "Action Camera", "Camera Lens|Camera Lenses", "Tripod", "Camera Bag", "Ring Light"],
      "Smart Home": ["Smart Bulb", "Smart Plug", "Video Doorbell", "Thermostat", "Security Camera", "Smart Display"],
      Gaming: ["Game Controller", "Gaming Headset", "Gaming Chair", "Capture Card", "Racing Wheel", "Handheld Console"],
    },
  },
  {
    name: "Home & Living",
    materials: ["Oak", "Walnut", "Bamboo", "Linen", "Velvet", "Ceramic", "Rattan", "Marble", "Wool", "Teak", "Jute", "Brass"],
    attributes: { room: ["Living Room", "Bedroom", "Hallway", "Office", "Kids' Room"], assembly: ["Assembled", "Self-assembly"] },
    groups: {
      Furniture: ["Sofa", "Armchair", "Dining Table", "Bookshelf|Bookshelves", "Bed Frame", "Side Table"],
      Lighting: ["Floor Lamp", "Pendant Light", "Table Lamp", "Wall Sconce", "String Light", "Desk Lamp"],
      Bedding: ["Duvet Cover", "Pillow", "Fitted Sheet", "Weighted Blanket", "Mattress Topper", "Throw"],
      Decor: ["Vase", "Wall Mirror", "Picture Frame", "Scented Candle", "Rug", "Cushion"],
      Storage: ["Storage Basket", "Shoe Rack", "Coat Hanger", "Drawer Organiser", "Wardrobe", "Blanket Box|Blanket Boxes"],
      Bathroom: ["Bath Towel", "Bath Mat", "Shower Curtain", "Soap Dispenser", "Towel Rail", "Bathrobe"],
    },
  },
  {
    name: "Kitchen",
    materials: ["Cast Iron", "Stainless Steel", "Copper", "Enamel", "Stoneware", "Porcelain", "Borosilicate Glass", "Acacia", "Carbon Steel", "Silicone"],
    attributes: { capacity: ["0.5 l", "1 l", "1.5 l", "2 l", "4 l"], dishwasherSafe: ["Yes", "No"] },
    groups: {
      Cookware: ["Frying Pan", "Dutch Oven", "Saucepan", "Wok", "Stockpot", "Grill Pan"],
      Knives: ["Chef's Knife|Chef's Knives", "Bread Knife|Bread Knives", "Paring Knife|Paring Knives", "Knife Block", "Whetstone", "Santoku Knife|Santoku Knives"],
      Appliances: ["Espresso Machine", "Blender", "Air Fryer", "Stand Mixer", "Kettle", "Toaster"],
      Tableware: ["Dinner Plate", "Bowl", "Mug", "Wine Glass|Wine Glasses", "Cutlery Set", "Serving Platter"],
      Bakeware: ["Baking Tray", "Cake Tin", "Loaf Pan", "Muffin Tin", "Pie Dish|Pie Dishes", "Cooling Rack"],
      "Coffee & Tea": ["Coffee Grinder", "French Press|French Presses", "Teapot", "Pour-over Dripper", "Milk Frother", "Tea Infuser"],
    },
  },
  {
    name: "Sports & Outdoors",
    materials: ["Nylon", "Ripstop Nylon", "Gore-Tex", "Neoprene", "Aluminium", "Carbon Fibre", "Merino", "Polyester", "Titanium", "EVA Foam"],
    attributes: { size: clothingSizes, season: ["Summer", "Winter", "All seasons"] },
    groups: {
      Camping: ["Tent", "Sleeping Bag", "Camping Stove", "Headlamp", "Camping Chair", "Cooler"],
      Cycling: ["Road Bike", "Bike Helmet", "Bike Light", "Cycling Jersey", "Bike Lock", "Saddle Bag"],
      Fitness: ["Yoga Mat", "Dumbbell", "Kettlebell", "Resistance Band", "Foam Roller", "Jump Rope"],
      Running: ["Running Jacket", "Running Tight", "Hydration Vest", "Running Sock", "Sports Watch|Sports Watches", "Running Cap"],
      "Water Sports": ["Wetsuit", "Paddle Board", "Swim Goggle", "Snorkel Set", "Dry Bag", "Life Jacket"],
      "Winter Sports": ["Ski Jacket", "Ski Goggle", "Snowboard", "Ski Glove", "Thermal Base Layer", "Ski Helmet"],
    },
  },
  {
    name: "Beauty",
    materials: ["Aloe Vera", "Shea Butter", "Argan Oil", "Hyaluronic Acid", "Vitamin C", "Charcoal", "Rosehip", "Coconut Oil", "Green Tea", "Niacinamide"],
    attributes: { skinType: ["Dry", "Oily", "Combination", "Sensitive", "All skin types"], volume: ["30 ml", "50 ml", "100 ml", "200 ml"] },
    groups: {
      Skincare: ["Face Cream", "Serum", "Cleanser", "Face Mask", "Eye Cream", "Sunscreen"],
      Haircare: ["Shampoo", "Conditioner", "Hair Oil", "Hair Dryer", "Hair Straightener", "Hairbrush|Hairbrushes"],
      Makeup: ["Lipstick", "Mascara", "Foundation", "Eyeshadow Palette", "Blush|Blushes", "Makeup Brush|Makeup Brushes"],
      Fragrance: ["Eau de Parfum", "Eau de Toilette", "Body Mist", "Perfume Oil", "Solid Perfume", "Fragrance Set"],
      "Bath & Body": ["Body Lotion", "Shower Gel", "Bath Bomb", "Body Scrub", "Hand Cream", "Soap Bar"],
      Grooming: ["Beard Oil", "Electric Shaver", "Safety Razor", "Beard Trimmer", "Shaving Cream", "Aftershave"],
    },
  },
  {
    name: "Toys & Games",
    materials: ["Beech Wood", "Recycled Plastic", "Plush", "Cardboard", "Organic Cotton", "Felt", "Bamboo", "Silicone"],
    attributes: { age: ["0+", "3+", "6+", "8+", "12+"], players: ["1", "2", "2-4", "2-6", "4+"] },
    groups: {
      "Board Games": ["Strategy Game", "Party Game", "Family Game", "Card Game", "Cooperative Game", "Chess Set"],
      Puzzles: ["Jigsaw Puzzle", "3D Puzzle", "Puzzle Mat", "Brain Teaser", "Floor Puzzle", "Wooden Puzzle"],
      "Building Toys": ["Building Block Set", "Marble Run", "Magnetic Tile Set", "Construction Kit", "Train Set", "Robot Kit"],
      "Dolls & Figures": ["Doll", "Action Figure", "Dollhouse", "Puppet", "Play Figure Set", "Doll Pram"],
      "Outdoor Play": ["Scooter", "Balance Bike", "Kite", "Sandbox Toy", "Water Blaster", "Swing"],
      "Baby Toys": ["Teether", "Rattle", "Activity Gym", "Stacking Toy", "Soft Book", "Musical Toy"],
    },
  },
  {
    name: "Books & Media",
    materials: ["Hardcover", "Paperback", "Vinyl", "Clothbound", "Spiral-bound", "Boxed"],
    attributes: { language: ["English", "German", "French", "Spanish", "Italian"], format: ["Print", "Collector's Edition", "Box Set"] },
    groups: {
      Fiction: ["Crime Novel", "Fantasy Novel", "Science Fiction Novel", "Literary Novel", "Short Story Collection", "Graphic Novel"],
      "Non-fiction": ["Biography|Biographies", "History Book", "Travel Guide", "Science Book", "Essay Collection", "Memoir"],
      "Cookbooks": ["Baking Book", "Vegetarian Cookbook", "Regional Cookbook", "Grilling Book", "Pasta Cookbook", "Preserving Guide"],
      "Children's Books": ["Picture Book", "Board Book", "Bedtime Story Book", "Early Reader", "Activity Book", "Children's Atlas|Children's Atlases"],
      Music: ["Vinyl Record", "Audio CD", "Songbook", "Sheet Music Book", "Box Set", "Live Album"],
      Stationery: ["Notebook", "Fountain Pen", "Planner", "Sketchbook", "Pencil Set", "Desk Calendar"],
    },
  },
  {
    name: "Garden",
    materials: ["Galvanised Steel", "Terracotta", "FSC Teak", "Acacia", "Powder-coated Steel", "Polyrattan", "Recycled Plastic", "Cedar", "Zinc", "Fibreglass"],
    attributes: { weatherproof: ["Yes", "No"], powerSource: ["Manual", "Battery", "Mains", "Solar"] },
    groups: {
      "Garden Furniture": ["Garden Bench|Garden Benches", "Lounger", "Garden Table", "Parasol", "Hammock", "Bistro Set"],
      Planters: ["Planter", "Flower Pot", "Raised Bed", "Hanging Basket", "Window Box|Window Boxes", "Plant Stand"],
      "Garden Tools": ["Pruning Shear", "Spade", "Rake", "Watering Can", "Garden Hose", "Wheelbarrow"],
      "Outdoor Lighting": ["Solar Light", "Lantern", "Path Light", "Festoon Light", "Floodlight", "Torch|Torches"],
      "Barbecue": ["Charcoal Grill", "Gas Grill", "Pizza Oven", "Smoker", "Grill Tool Set", "Fire Pit"],
      "Lawn Care": ["Lawn Mower", "Grass Trimmer", "Leaf Blower", "Sprinkler", "Lawn Seed Mix|Lawn Seed Mixes", "Hedge Trimmer"],
    },
  },
  {
    name: "Pets",
    materials: ["Nylon", "Leather", "Stainless Steel", "Natural Rubber", "Sisal", "Plush", "Ceramic", "Recycled Polyester"],
    attributes: { petSize: ["Small", "Medium", "Large", "Extra Large"], species: ["Dog", "Cat", "Small Animal", "Bird"] },
    groups: {
      "Dog Supplies": ["Dog Bed", "Dog Lead", "Dog Collar", "Dog Harness|Dog Harnesses", "Dog Bowl", "Dog Coat"],
      "Cat Supplies": ["Cat Tree", "Scratching Post", "Cat Litter Box|Cat Litter Boxes", "Cat Carrier", "Cat Fountain", "Cat Bed"],
      "Pet Food": ["Dry Dog Food", "Wet Cat Food", "Grain-free Kibble", "Dog Treat", "Cat Treat", "Puppy Food"],
      "Pet Toys": ["Chew Toy", "Ball Launcher", "Rope Toy", "Cat Teaser", "Puzzle Feeder", "Squeaky Toy"],
      "Small Animals": ["Hamster Cage", "Rabbit Hutch|Rabbit Hutches", "Hay Feeder", "Guinea Pig Bedding", "Exercise Wheel", "Small Animal Tunnel"],
      Aquarium: ["Aquarium Tank", "Aquarium Filter", "Aquarium Heater", "Aquarium Light", "Gravel Vacuum", "Fish Food"],
    },
  },
  {
    name: "Health",
    materials: ["Medical-grade Silicone", "Memory Foam", "Latex-free", "Stainless Steel", "Organic Cotton", "BPA-free Plastic"],
    attributes: { packSize: ["1", "3", "6", "12", "30"], certified: ["CE", "ISO 13485", "None"] },
    groups: {
      Vitamins: ["Multivitamin", "Vitamin D Supplement", "Magnesium Supplement", "Omega-3 Capsule", "Iron Supplement", "Probiotic"],
      "Personal Care": ["Electric Toothbrush|Electric Toothbrushes", "Water Flosser", "Massage Gun", "Heating Pad", "Hot Water Bottle", "Eye Mask"],
      "Medical Supplies": ["First Aid Kit", "Thermometer", "Blood Pressure Monitor", "Pulse Oximeter", "Knee Brace", "Compression Sock"],
      "Sleep": ["Sleep Mask", "Ear Plug", "White Noise Machine", "Neck Pillow", "Sunrise Alarm", "Cooling Pillow"],
      "Sports Nutrition": ["Whey Protein", "Protein Bar", "Electrolyte Tablet", "Creatine", "Energy Gel", "Shaker Bottle"],
      "Mobility": ["Walking Stick", "Shower Stool", "Grab Bar", "Seat Cushion", "Foot Rest", "Reacher Grabber"],
    },
  },
  {
    name: "Automotive",
    materials: ["Rubber", "Microfibre", "Stainless Steel", "Aluminium", "ABS Plastic", "Leatherette", "Chrome"],
    attributes: { fits: ["Universal", "Compact", "SUV", "Van", "Estate"], voltage: ["12 V", "24 V", "230 V"] },
    groups: {
      "Car Care": ["Car Shampoo", "Microfibre Cloth", "Pressure Washer", "Car Wax", "Tyre Shine", "Interior Cleaner"],
      "Car Electronics": ["Dash Cam", "Car Charger", "Jump Starter", "Tyre Inflator", "Parking Sensor", "FM Transmitter"],
      "Interior Accessories": ["Seat Cover", "Floor Mat", "Steering Wheel Cover", "Car Organiser", "Sun Shade", "Phone Holder"],
      "Exterior Accessories": ["Roof Box|Roof Boxes", "Bike Carrier", "Car Cover", "Mud Flap", "Roof Bar", "Tow Bar"],
      Tools: ["Socket Set", "Torque Wrench|Torque Wrenches", "Car Jack", "Battery Charger", "OBD Scanner", "Work Light"],
      "Motorcycle Gear": ["Motorcycle Helmet", "Riding Jacket", "Riding Glove", "Motorcycle Boot", "Tank Bag", "Motorcycle Cover"],
    },
  },
];

/** Said of a product in its title and description; the first ones are the most common. */
export const adjectives = [
  "Classic", "Essential", "Premium", "Lightweight", "Compact", "Vintage", "Modern", "Handmade", "Eco",
  "Deluxe", "Everyday", "Ultra", "Minimalist", "Rugged", "Slim", "Pro", "Soft", "Heavy-duty", "Portable",
  "Organic", "Scandinavian", "Artisan", "Waterproof", "Foldable", "Adjustable", "Retro", "Luxury",
  "Signature", "Travel", "Studio", "Heritage", "Performance", "Cosy", "Breathable", "Insulated", "Sleek",
  "Smart", "Natural", "Recycled", "Limited Edition",
] as const;

export const colours = [
  "Black", "White", "Grey", "Navy", "Beige", "Blue", "Green", "Red", "Brown", "Olive", "Charcoal", "Sand",
  "Burgundy", "Pink", "Sage", "Terracotta", "Mustard", "Teal", "Cream", "Lavender", "Rust", "Forest Green",
  "Sky Blue", "Coral", "Silver", "Gold", "Copper", "Ivory", "Plum", "Ochre",
] as const;

/** Syllables that brand names are made of: a start and an end, so "Nord" + "vik" reads as a brand. */
export const brandStarts = [
  "Nord", "Alp", "Lum", "Kest", "Bram", "Tor", "Vel", "Sol", "Mar", "Fjell", "Oak", "Lin", "Hav", "Ash",
  "Bel", "Cor", "Dal", "Ever", "Fen", "Glen", "Hol", "Isa", "Jun", "Kal", "Lor", "Mos", "Nim", "Orr", "Pel",
  "Quin", "Ros", "Sten", "Tam", "Ulv", "Var", "Wil", "Yor", "Zen",
] as const;
export const brandEnds = ["vik", "ora", "wood", "ly", "sen", "stad", "lux", "mark", "field", "berg", "na", "co", "haus", "line", "ton", "ia", "ero", "ford"] as const;

/** Said in a description after the product's name; a template picks one or two. */
export const features = [
  "built to last for years", "easy to clean", "designed in Berlin", "made in Portugal", "made in Italy",
  "backed by a two-year guarantee", "shipped plastic-free", "tested by our customers", "crafted in small batches",
  "designed for everyday use", "gentle on sensitive skin", "safe for children", "ready to use out of the box",
  "with a lifetime repair service", "part of our bestselling range", "certified by independent labs",
  "packed in recycled cardboard", "perfect as a gift", "loved by professionals", "inspired by Nordic design",
] as const;

export const reviewPhrases = [
  "Exactly as described.", "Great value for the price.", "Arrived quickly and well packed.", "Good quality, would buy again.",
  "The colour is a little different from the photos.", "Does the job.", "Sturdy and well made.", "Smaller than I expected.",
  "My second one, still love it.", "Stopped working after a month.", "Excellent, five stars.", "Nice design but a bit pricey.",
  "Perfect gift for my partner.", "Customer service was very helpful.", "Not as soft as I hoped.", "Better than the big brands.",
] as const;

/** "Running Shoe" → "Running Shoes"; "Knife|Knives" → "Knives". */
export function pluralName(leaf: string): string {
  const [singular, plural] = leaf.split("|") as [string, string | undefined];
  if (plural) return plural;
  if (/(s|x|z|ch|sh)$/i.test(singular)) return `${singular}es`;
  if (/[^aeiou]y$/i.test(singular)) return `${singular.slice(0, -1)}ies`;
  return `${singular}s`;
}

/** "Knife|Knives" → "Knife". */
export const singularName = (leaf: string): string => leaf.split("|")[0]!;

/** "Women's Clothing" → "womens-clothing": ASCII, lower case, single dashes. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
