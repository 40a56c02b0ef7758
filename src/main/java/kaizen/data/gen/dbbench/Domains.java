package kaizen.data.gen.dbbench;

import static kaizen.data.gen.dbbench.Column.of;

import java.time.LocalDate;
import java.util.List;
import kaizen.data.gen.dbbench.ColumnKind.Choice;
import kaizen.data.gen.dbbench.ColumnKind.Code;
import kaizen.data.gen.dbbench.ColumnKind.Day;
import kaizen.data.gen.dbbench.ColumnKind.Fixed;
import kaizen.data.gen.dbbench.ColumnKind.Label;
import kaizen.data.gen.dbbench.ColumnKind.Person;
import kaizen.data.gen.dbbench.ColumnKind.Whole;

/**
 * The catalogue of subject areas, all of Kaizen's own invention (none is taken from AgentBench's
 * tables). Header variants deliberately include spaces, apostrophes, double quotes, symbols and
 * MySQL reserved words (Order, Group, Rank, Condition, Range, Interval, Key, Load, Left), so the
 * model learns to quote identifiers.
 */
final class Domains {
    private Domains() {}

    private static final Person PERSON = new Person();
    private static final Day RECENT = new Day(LocalDate.of(2022, 1, 1), LocalDate.of(2024, 12, 31));

    private static Label label(String... v) {
        return new Label(List.of(v));
    }

    private static Choice choice(String... v) {
        return new Choice(List.of(v));
    }

    static final List<Domain> ALL = List.of(
            new Domain("library_loans", List.of("Library Loans", "library_loans", "Branch Library Loan Log", "Borrowed Books"),
                    "loan", "loans", List.of(
                    of("loan ID", new Code("LN-", 4), "Loan ID", "loan_id", "Loan #"),
                    of("borrower", PERSON, "Borrower", "Borrower's Name", "borrower name"),
                    of("book title", label("The Salt Orchard", "Lanterns at Low Tide", "A Map of Quiet Rooms", "Seven Copper Keys",
                            "The Glassblower's Winter", "Under the Linden", "Moth and Meridian", "Paper Rivers", "The Last Tram Home",
                            "Small Hours in Vienna"), "Book Title", "Title"),
                    of("genre", choice("Fiction", "Mystery", "Poetry", "History", "Science", "Travel", "Cookery"), "Genre", "Section", "Group"),
                    of("loan date", RECENT, "Loan Date", "Date Out"),
                    of("days kept", new Whole(1, 60), "Days Kept", "days_out"),
                    of("late fee", new Fixed(0, 15, 2), "Late Fee", "Fine ($)", "late_fee_eur"))),
            new Domain("bike_rentals", List.of("Bike Rentals", "City Bike Share", "bike_rental_records", "Riders' Bike Hire"),
                    "rental", "rentals", List.of(
                    of("rental code", new Code("BK-", 4), "Rental Code", "rental_code", "Ride #"),
                    of("rider", PERSON, "Rider", "Customer Name", "rider's name"),
                    of("start station", label("Canal Gate", "Museum Steps", "Harbour Arch", "Library Square", "Brewery Yard",
                            "Tram Depot", "Hill Park", "Old Mint"), "Start Station", "Station"),
                    of("bike type", choice("City", "Electric", "Cargo", "Tandem", "Mountain"), "Bike Type", "Model", "Type"),
                    of("condition", choice("Good", "Worn", "Damaged", "New"), "Condition", "Bike Condition"),
                    of("minutes ridden", new Whole(5, 240), "Minutes", "Duration (min)", "ride_minutes"),
                    of("distance", new Fixed(0, 60, 1), "Distance km", "Distance (km)", "Range"),
                    of("fare", new Fixed(1, 40, 2), "Fare", "Price \"EUR\"", "fare_paid"))),
            new Domain("clinic_visits", List.of("Clinic Visits", "Walk-in Clinic Log", "clinic_visits_2023", "Patients Seen"),
                    "visit", "visits", List.of(
                    of("visit number", new Code("V", 5), "Visit No", "visit_id", "Visit #"),
                    of("patient", PERSON, "Patient", "Patient Name", "patient's name"),
                    of("department", choice("Cardiology", "Dermatology", "Pediatrics", "Orthopedics", "Neurology", "General"),
                            "Department", "Ward", "Group"),
                    of("visit date", RECENT, "Visit Date", "Date of Visit"),
                    of("waiting time", new Whole(0, 180), "Wait (minutes)", "wait_minutes", "Waiting Time"),
                    of("bill amount", new Fixed(20, 900, 2), "Bill Amount", "Charge ($)", "bill"),
                    of("age", new Whole(1, 95), "Age", "Patient Age"))),
            new Domain("greenhouse_plants", List.of("Greenhouse Plants", "Nursery Stock", "greenhouse_inventory", "Plants on the Bench"),
                    "plant", "plants", List.of(
                    of("plant tag", new Code("PL-", 3), "Plant Tag", "tag_no"),
                    of("species", label("Basil", "Fern", "Orchid", "Cactus", "Tomato", "Lavender", "Mint", "Begonia", "Aloe", "Ivy",
                            "Rosemary", "Hibiscus"), "Species", "Plant Name", "Common Name"),
                    of("bed", choice("North Bed", "South Bed", "Shade House", "Propagation"), "Bed", "Location", "Zone"),
                    of("height", new Fixed(2, 180, 1), "Height (cm)", "height_cm", "Height \"cm\""),
                    of("waterings per month", new Whole(1, 30), "Waterings per Month", "Interval"),
                    of("price", new Fixed(1, 60, 2), "Price", "Sale Price ($)"),
                    of("planting date", RECENT, "Planted On", "Sowing Date"))),
            new Domain("bakery_orders", List.of("Bakery Orders", "Grandma's Bakery Orders", "bakery_order_book", "Pastry Pre-orders"),
                    "order", "orders", List.of(
                    of("order number", new Code("OR-", 4), "Order", "Order No", "order_ref"),
                    of("customer", PERSON, "Customer", "Customer's Name", "client"),
                    of("item", label("Sourdough Loaf", "Rye Bread", "Croissant Box", "Lemon Tart", "Carrot Cake", "Baguette",
                            "Cinnamon Roll", "Focaccia", "Apple Pie", "Brioche"), "Item", "Product", "Baked Good"),
                    of("pickup slot", choice("Morning", "Noon", "Afternoon", "Evening"), "Pickup Slot", "Slot"),
                    of("quantity", new Whole(1, 24), "Quantity", "Qty", "Units Ordered"),
                    of("total price", new Fixed(3, 120, 2), "Total Price", "Total (€)", "amount_due"),
                    of("order date", RECENT, "Order Date", "Placed On"))),
            new Domain("parcel_deliveries", List.of("Parcel Deliveries", "Courier Runs", "parcel_tracking", "Parcels Out"),
                    "parcel", "parcels", List.of(
                    of("tracking number", new Code("PX", 6), "Tracking Number", "tracking_no"),
                    of("courier", PERSON, "Courier", "Driver Name", "courier's name"),
                    of("zone", choice("Harbour", "Old Town", "Riverside", "Uplands", "Airport", "Market"), "Zone", "Delivery Zone", "District"),
                    of("status", choice("Delivered", "In Transit", "Returned", "Held"), "Status", "Delivery Status"),
                    of("weight", new Fixed(0, 30, 2), "Weight (kg)", "weight_kg", "Load"),
                    of("number of stops", new Whole(1, 40), "Stops", "Stop Count"),
                    of("dispatch date", RECENT, "Shipped", "Dispatch Date"))),
            new Domain("museum_exhibits", List.of("Museum Exhibits", "Gallery Catalogue", "exhibit_register", "Curator's Inventory"),
                    "exhibit", "exhibits", List.of(
                    of("catalogue number", new Code("EX-", 4), "Catalogue No", "cat_no"),
                    of("piece", label("Bronze Heron", "Glass Lantern", "Silk Map", "Clockwork Owl", "Amber Comb", "Salt Jar", "Iron Key",
                            "Jade Bowl", "Copper Kettle", "Oak Chest", "Painted Fan", "Marble Bust"), "Piece", "Exhibit Name", "Object"),
                    of("hall", choice("East Hall", "West Hall", "Atrium", "Basement Vault", "Rooftop Room"), "Hall", "Room", "Location"),
                    of("era", choice("Ancient", "Medieval", "Renaissance", "Industrial", "Modern"), "Era", "Period"),
                    of("monthly visitors", new Whole(100, 9000), "Visitors", "Monthly Visitors", "visitor_count"),
                    of("insured value", new Fixed(500, 90000, 2), "Insured Value", "Value ($)", "Appraisal"),
                    of("year acquired", new Whole(1890, 2023), "Year Acquired", "Acquired"))),
            new Domain("hotel_bookings", List.of("Hotel Bookings", "Seaside Inn Reservations", "booking_ledger", "Guests' Stays"),
                    "booking", "bookings", List.of(
                    of("booking reference", new Code("HB", 5), "Booking Ref", "booking_id", "Key"),
                    of("guest", PERSON, "Guest", "Guest Name", "guest's name"),
                    of("room type", choice("Single", "Double", "Suite", "Family", "Loft"), "Room Type", "Room"),
                    of("nights", new Whole(1, 14), "Nights", "Length of Stay"),
                    of("nightly rate", new Fixed(45, 420, 2), "Nightly Rate", "Rate ($)", "rate_per_night"),
                    of("check-in date", RECENT, "Check-in", "Arrival Date"),
                    of("guest rating", new Whole(1, 10), "Rating", "Guest Rating", "Rank"))),
            new Domain("concert_tickets", List.of("Concert Tickets", "Open Air Festival Sales", "ticket_sales", "Box Office"),
                    "ticket", "tickets", List.of(
                    of("ticket number", new Code("T", 6), "Ticket No", "ticket_id"),
                    of("buyer", PERSON, "Buyer", "Purchaser", "buyer's name"),
                    of("act", label("The Lanterns", "Velvet Orchard", "Copper Tide", "Northern Hum", "Paper Moons", "Static Gardens",
                            "Blue Harbour", "Mellow Foxes"), "Act", "Headliner", "Band"),
                    of("section", choice("Floor", "Balcony", "Box", "Lawn", "Front Row"), "Section", "Seat Area", "Zone"),
                    of("ticket price", new Fixed(15, 250, 2), "Price", "Ticket Price ($)"),
                    of("seats left", new Whole(0, 500), "Seats Left", "Left"),
                    of("show date", RECENT, "Show Date", "Date"))),
            new Domain("fleet_maintenance", List.of("Fleet Maintenance", "Van Service Log", "fleet_service", "Workshop Jobs"),
                    "service job", "service jobs", List.of(
                    of("vehicle", new Code("VAN-", 3), "Vehicle", "Plate", "vehicle_id"),
                    of("mechanic", PERSON, "Mechanic", "Technician", "mechanic's name"),
                    of("service", choice("Oil Change", "Brake Pads", "Tyres", "Battery", "Inspection", "Clutch"), "Service", "Job", "Work Done"),
                    of("odometer reading", new Whole(5000, 250000), "Odometer (km)", "odometer", "Mileage"),
                    of("cost", new Fixed(30, 2500, 2), "Cost", "Cost ($)", "Invoice Total"),
                    of("labour hours", new Fixed(0, 12, 1), "Labour Hours", "hours"),
                    of("service date", RECENT, "Service Date", "Date In"))),
            new Domain("pet_adoptions", List.of("Pet Adoptions", "Animal Shelter Records", "adoption_register", "Shelter Adoptions"),
                    "pet", "pets", List.of(
                    of("pet ID", new Code("PET", 4), "Pet ID", "pet_id"),
                    of("pet name", label("Biscuit", "Pepper", "Juniper", "Mochi", "Rascal", "Olive", "Ziggy", "Tofu", "Maple", "Noodle",
                            "Clover", "Pickles"), "Pet Name", "Name", "Animal"),
                    of("species", choice("Dog", "Cat", "Rabbit", "Parrot", "Guinea Pig", "Ferret"), "Species", "Kind", "Type"),
                    of("adopter", PERSON, "Adopter", "New Owner", "adopter's name"),
                    of("age in months", new Whole(2, 180), "Age (months)", "age_months"),
                    of("adoption fee", new Fixed(0, 350, 2), "Adoption Fee", "Fee ($)"),
                    of("adoption date", RECENT, "Adopted On", "Adoption Date"))),
            new Domain("weather_readings", List.of("Weather Readings", "Hilltop Station Log", "weather_obs", "Daily Weather"),
                    "reading", "readings", List.of(
                    of("reading ID", new Code("WX", 5), "Reading ID", "obs_id"),
                    of("station", label("Cedar Ridge", "Gull Point", "Mill Lane", "Foxglove Hill", "Stonebridge", "Quarry Top",
                            "Reed Marsh", "Elm Park"), "Station", "Station Name", "Site"),
                    of("sky", choice("Clear", "Cloudy", "Rain", "Fog", "Snow", "Storm"), "Sky", "Conditions", "Condition"),
                    of("temperature", new Fixed(-20, 40, 1), "Temperature (°C)", "temp_c", "Temp \"C\""),
                    of("rainfall", new Fixed(0, 80, 1), "Rainfall (mm)", "rain_mm", "Precipitation"),
                    of("wind speed", new Whole(0, 110), "Wind Speed", "Wind (km/h)", "wind_kmh"),
                    of("reading date", RECENT, "Reading Date", "Date"))),
            new Domain("recycling_pickups", List.of("Recycling Pickups", "Curbside Collection", "recycling_rounds", "Bin Rounds"),
                    "pickup", "pickups", List.of(
                    of("route", new Code("RT-", 3), "Route", "Route No"),
                    of("crew lead", PERSON, "Crew Lead", "Supervisor", "crew lead"),
                    of("material", choice("Glass", "Paper", "Plastic", "Metal", "Compost", "Textiles"), "Material", "Stream", "Group"),
                    of("weight collected", new Fixed(50, 4000, 1), "Collected (kg)", "weight_kg", "Load"),
                    of("households served", new Whole(20, 600), "Households", "Homes Served"),
                    of("missed bins", new Whole(0, 25), "Missed Bins", "missed"),
                    of("pickup date", RECENT, "Pickup Date", "Collected On"))),
            new Domain("art_auction", List.of("Art Auction Lots", "Spring Auction", "auction_lots", "Collectors' Sale"),
                    "lot", "lots", List.of(
                    of("lot number", new Code("LOT", 3), "Lot", "Lot Number", "lot_no"),
                    of("artist", PERSON, "Artist", "Artist Name", "artist's name"),
                    of("medium", choice("Oil", "Watercolour", "Charcoal", "Bronze", "Photograph", "Ink"), "Medium", "Technique"),
                    of("estimate", new Whole(200, 50000), "Estimate", "Estimate ($)", "low_estimate"),
                    of("hammer price", new Fixed(150, 80000, 2), "Hammer Price", "Sold For", "Final Bid"),
                    of("number of bids", new Whole(0, 60), "Bids", "Bid Count"),
                    of("year painted", new Whole(1850, 2023), "Year Painted", "Year"))),
            new Domain("apartment_listings", List.of("Apartment Listings", "Rentals Downtown", "flat_listings", "Landlords' Listings"),
                    "listing", "listings", List.of(
                    of("listing ID", new Code("AP", 4), "Listing", "Listing ID"),
                    of("landlord", PERSON, "Landlord", "Owner", "owner's name"),
                    of("neighbourhood", choice("Canal Side", "Old Mill", "Greenway", "Harbour View", "Market Square"),
                            "Neighbourhood", "Area", "District"),
                    of("number of rooms", new Whole(1, 6), "Rooms", "Bedrooms", "room_count"),
                    of("monthly rent", new Fixed(450, 3800, 2), "Monthly Rent", "Rent ($)", "rent"),
                    of("floor area", new Whole(25, 180), "Size (m²)", "Floor Area", "size_sqm"),
                    of("listing date", RECENT, "Listed On", "Available From"))),
            new Domain("volunteer_shifts", List.of("Volunteer Shifts", "Food Bank Rota", "volunteer_hours", "Helpers' Rota"),
                    "shift", "shifts", List.of(
                    of("shift ID", new Code("SH", 4), "Shift ID", "shift_no"),
                    of("volunteer", PERSON, "Volunteer", "Name", "volunteer's name"),
                    of("team", choice("Sorting", "Packing", "Delivery", "Kitchen", "Reception"), "Group", "Team", "Task"),
                    of("hours worked", new Fixed(1, 10, 1), "Hours", "Hours Worked"),
                    of("meals packed", new Whole(0, 400), "Meals Packed", "Meals", "meals_served"),
                    of("shift date", RECENT, "Shift Date", "Date"))),
            new Domain("ferry_crossings", List.of("Ferry Crossings", "Island Ferry Sailings", "ferry_trips", "Harbour Master's Log"),
                    "sailing", "sailings", List.of(
                    of("trip number", new Code("FR", 4), "Trip", "Sailing No"),
                    of("vessel", label("Kestrel", "Morning Star", "Sea Lark", "Pelican", "Northwind", "Bluebell", "Skerry Queen"),
                            "Vessel", "Ship", "Boat Name"),
                    of("route", choice("Mainland - North Isle", "North Isle - Far Isle", "Mainland - Far Isle", "Harbour Loop"),
                            "Route", "Crossing"),
                    of("passengers", new Whole(0, 350), "Passengers", "Passenger Count"),
                    of("cars carried", new Whole(0, 60), "Cars", "Vehicles Carried"),
                    of("delay", new Whole(0, 90), "Delay (min)", "delay_minutes", "Delay"),
                    of("sailing date", RECENT, "Sailing Date", "Date"))),
            new Domain("coffee_roasts", List.of("Coffee Roasts", "Roastery Batches", "roast_batches", "Roaster's Logbook"),
                    "batch", "batches", List.of(
                    of("batch number", new Code("RB", 4), "Batch", "Batch No"),
                    of("origin", label("Ethiopia Guji", "Colombia Huila", "Kenya Nyeri", "Brazil Cerrado", "Guatemala Antigua",
                            "Sumatra Mandheling", "Peru Cajamarca", "Rwanda Nyamasheke"), "Origin", "Bean", "Coffee"),
                    of("roast level", choice("Light", "Medium", "Dark", "Espresso"), "Roast Level", "Roast", "Level"),
                    of("roaster", PERSON, "Roaster", "Roasted By"),
                    of("green weight", new Fixed(1, 60, 2), "Green Weight (kg)", "weight_kg"),
                    of("weight loss", new Fixed(8, 22, 1), "Weight Loss %", "loss_pct", "Loss (%)"),
                    of("cupping score", new Whole(78, 94), "Cupping Score", "Score", "Rank"),
                    of("roast date", RECENT, "Roast Date", "Date"))));
}
