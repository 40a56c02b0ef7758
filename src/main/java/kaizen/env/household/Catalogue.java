package kaizen.env.household;

import static kaizen.env.household.ReceptacleKind.appliance;
import static kaizen.env.household.ReceptacleKind.container;
import static kaizen.env.household.ReceptacleKind.open;
import static kaizen.env.household.ReceptacleKind.surface;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import kaizen.env.household.RoomKind.Fitting;

/**
 * Kaizen's own household catalogue: seven room kinds with their receptacles, appliances, lights
 * and things. Written for this world, not taken from any other game's object lists.
 */
final class Catalogue {
    private Catalogue() {}

    // ---- receptacles --------------------------------------------------------------------------
    private static final ReceptacleKind CUPBOARD = container("cupboard");
    private static final ReceptacleKind WORKTOP = surface("worktop");
    private static final ReceptacleKind BREAD_BIN = container("bread bin");
    private static final ReceptacleKind LARDER = container("larder");
    private static final ReceptacleKind DISH_RACK = open("dish rack");
    private static final ReceptacleKind KITCHEN_TABLE = surface("kitchen table");
    private static final ReceptacleKind SINK = appliance("sink", false, true, Treatment.CLEAN);
    private static final ReceptacleKind HOB = appliance("hob", false, false, Treatment.HEAT);
    private static final ReceptacleKind OVEN = appliance("oven", true, true, Treatment.HEAT);
    private static final ReceptacleKind ICEBOX = appliance("icebox", true, true, Treatment.COOL);

    private static final ReceptacleKind VANITY = container("vanity unit");
    private static final ReceptacleKind MEDICINE_CHEST = container("medicine chest");
    private static final ReceptacleKind TOWEL_RAIL = surface("towel rail");
    private static final ReceptacleKind WINDOW_LEDGE = surface("window ledge");
    private static final ReceptacleKind BATH_STOOL = surface("bath stool");
    private static final ReceptacleKind WASHBASIN = appliance("washbasin", false, true, Treatment.CLEAN);
    private static final ReceptacleKind BATHTUB = open("bathtub");

    private static final ReceptacleKind WARDROBE = container("wardrobe");
    private static final ReceptacleKind BLANKET_BOX = container("blanket box");
    private static final ReceptacleKind BEDSIDE_TABLE = surface("bedside table");
    private static final ReceptacleKind BED = surface("bed");
    private static final ReceptacleKind BOOKSHELF = surface("bookshelf");
    private static final ReceptacleKind CHEST_OF_DRAWERS = container("chest of drawers");

    private static final ReceptacleKind COUCH = surface("couch");
    private static final ReceptacleKind COFFEE_TABLE = surface("coffee table");
    private static final ReceptacleKind SIDEBOARD = container("sideboard");
    private static final ReceptacleKind MEDIA_CONSOLE = surface("media console");
    private static final ReceptacleKind SIDE_TABLE = surface("side table");
    private static final ReceptacleKind FOOTSTOOL = surface("footstool");

    private static final ReceptacleKind DESK = surface("desk");
    private static final ReceptacleKind FILING_CABINET = container("filing cabinet");
    private static final ReceptacleKind LETTER_TRAY = open("letter tray");
    private static final ReceptacleKind PRINTER_STAND = surface("printer stand");
    private static final ReceptacleKind SUPPLY_LOCKER = container("supply locker");

    private static final ReceptacleKind WORKBENCH = surface("workbench");
    private static final ReceptacleKind TOOL_CHEST = container("tool chest");
    private static final ReceptacleKind STORAGE_CRATE = container("storage crate");
    private static final ReceptacleKind SHELF_RACK = surface("shelf rack");
    private static final ReceptacleKind CHEST_FREEZER = appliance("chest freezer", true, true, Treatment.COOL);
    private static final ReceptacleKind UTILITY_SINK = appliance("utility sink", false, true, Treatment.CLEAN);

    private static final ReceptacleKind LAUNDRY_TUB = appliance("laundry tub", false, true, Treatment.CLEAN);
    private static final ReceptacleKind TUMBLE_DRYER = appliance("tumble dryer", true, true, Treatment.HEAT);
    private static final ReceptacleKind IRONING_BOARD = surface("ironing board");
    private static final ReceptacleKind LINEN_PRESS = container("linen press");
    private static final ReceptacleKind HAMPER = open("hamper");
    private static final ReceptacleKind FOLDING_TABLE = surface("folding table");

    // ---- things (flags: C clean, H heat, K cool, S sliceable, X cutter) ------------------------
    private static final ItemKind CUP = item("cup", "CHK", "cupboard", "dish rack", "worktop");
    private static final ItemKind BOWL = item("bowl", "CHK", "cupboard", "dish rack", "kitchen table");
    private static final ItemKind SAUCER = item("saucer", "CHK", "dish rack", "cupboard");
    private static final ItemKind LOAF = item("loaf", "CHKS", "bread bin", "worktop", "kitchen table");
    private static final ItemKind PEAR = item("pear", "CHKS", "kitchen table", "larder", "icebox");
    private static final ItemKind CARROT = item("carrot", "CHKS", "larder", "icebox", "worktop");
    private static final ItemKind PIE = item("pie", "HKS", "larder", "icebox", "kitchen table");
    private static final ItemKind LADLE = item("ladle", "CHK", "dish rack", "cupboard", "worktop");
    private static final ItemKind CLEAVER = item("cleaver", "CX", "worktop", "cupboard");
    private static final ItemKind JUG = item("jug", "CHK", "cupboard", "worktop");

    private static final ItemKind FLANNEL = item("flannel", "C", "towel rail", "bathtub", "vanity unit");
    private static final ItemKind COMB = item("comb", "C", "vanity unit", "window ledge");
    private static final ItemKind SOAP_DISH = item("soap dish", "C", "washbasin", "window ledge", "bathtub");
    private static final ItemKind LOOFAH = item("loofah", "C", "bathtub", "bath stool");
    private static final ItemKind PILL_BOTTLE = item("pill bottle", "", "medicine chest", "vanity unit");
    private static final ItemKind TOOTH_MUG = item("tooth mug", "C", "washbasin", "window ledge", "vanity unit");
    private static final ItemKind BATH_SALTS = item("jar of bath salts", "", "bath stool", "window ledge", "vanity unit");

    private static final ItemKind BEDSIDE_LAMP = light("bedside lamp", "bedside table");
    private static final ItemKind PAPERBACK = item("paperback", "", "bookshelf", "bedside table", "bed");
    private static final ItemKind ALARM_CLOCK = item("alarm clock", "", "bedside table", "chest of drawers");
    private static final ItemKind SCARF = item("scarf", "", "wardrobe", "chest of drawers", "bed");
    private static final ItemKind WALLET = item("wallet", "", "chest of drawers", "bedside table");
    private static final ItemKind SPECTACLES = item("spectacles", "", "bedside table", "bookshelf");
    private static final ItemKind QUILT = item("quilt", "", "blanket box", "bed");

    private static final ItemKind FLOOR_LAMP = light("floor lamp", "side table", "media console");
    private static final ItemKind REMOTE = item("remote", "", "coffee table", "couch", "media console");
    private static final ItemKind CUSHION = item("cushion", "", "couch", "footstool");
    private static final ItemKind MAGAZINE = item("magazine", "", "coffee table", "side table", "sideboard");
    private static final ItemKind VASE = item("vase", "", "sideboard", "side table");
    private static final ItemKind COASTER = item("coaster", "", "coffee table", "sideboard");
    private static final ItemKind PHOTO_FRAME = item("photo frame", "", "sideboard", "media console");
    private static final ItemKind BOARD_GAME = item("board game", "", "sideboard", "media console");

    private static final ItemKind DESK_LIGHT = light("desk light", "desk", "printer stand");
    private static final ItemKind PEN = item("pen", "", "desk", "letter tray");
    private static final ItemKind STAPLER = item("stapler", "", "desk", "supply locker");
    private static final ItemKind NOTEBOOK = item("notebook", "", "desk", "letter tray", "filing cabinet");
    private static final ItemKind CALCULATOR = item("calculator", "", "desk", "filing cabinet");
    private static final ItemKind ENVELOPE = item("envelope", "", "letter tray", "filing cabinet");
    private static final ItemKind PAPER_KNIFE = item("paper knife", "X", "desk", "supply locker");
    private static final ItemKind ATLAS = item("atlas", "", "filing cabinet", "printer stand");

    private static final ItemKind WORK_LIGHT = light("work light", "workbench", "shelf rack");
    private static final ItemKind SPANNER = item("spanner", "C", "tool chest", "workbench");
    private static final ItemKind PAINTBRUSH = item("paintbrush", "C", "workbench", "storage crate");
    private static final ItemKind OIL_CAN = item("oil can", "C", "shelf rack", "workbench");
    private static final ItemKind DRINK_CAN = item("drink can", "CK", "chest freezer", "storage crate");
    private static final ItemKind ICE_PACK = item("ice pack", "K", "chest freezer", "storage crate");
    private static final ItemKind GLOVES = item("pair of gloves", "C", "shelf rack", "tool chest");
    private static final ItemKind HANDSAW = item("handsaw", "CX", "tool chest", "workbench");
    private static final ItemKind WATERMELON = item("watermelon", "CKS", "chest freezer", "storage crate");

    private static final ItemKind TOWEL = item("towel", "CH", "linen press", "folding table", "hamper");
    private static final ItemKind SHIRT = item("shirt", "CH", "hamper", "ironing board", "folding table");
    private static final ItemKind SOCK = item("sock", "CH", "hamper", "folding table");
    private static final ItemKind PILLOWCASE = item("pillowcase", "CH", "linen press", "hamper");
    private static final ItemKind DETERGENT = item("detergent bottle", "", "folding table", "linen press");
    private static final ItemKind PEG_BAG = item("peg bag", "C", "folding table", "hamper");

    static final List<RoomKind> ROOMS = List.of(
            new RoomKind("kitchen", List.of(f(CUPBOARD, 2, 6), f(WORKTOP, 1, 3), f(BREAD_BIN, 0, 1), f(LARDER, 0, 1), f(DISH_RACK, 1, 1),
                    f(KITCHEN_TABLE, 0, 1), f(SINK, 1, 1), f(HOB, 0, 1), f(OVEN, 0, 1), f(ICEBOX, 1, 1)),
                    List.of(CUP, BOWL, SAUCER, LOAF, PEAR, CARROT, PIE, LADLE, CLEAVER, JUG)),
            new RoomKind("bathroom", List.of(f(VANITY, 1, 3), f(MEDICINE_CHEST, 0, 1), f(TOWEL_RAIL, 1, 2), f(WINDOW_LEDGE, 0, 1),
                    f(BATH_STOOL, 0, 1), f(WASHBASIN, 1, 2), f(BATHTUB, 0, 1)),
                    List.of(FLANNEL, COMB, SOAP_DISH, LOOFAH, PILL_BOTTLE, TOOTH_MUG, BATH_SALTS)),
            new RoomKind("bedroom", List.of(f(WARDROBE, 1, 2), f(BLANKET_BOX, 0, 1), f(BEDSIDE_TABLE, 1, 2), f(BED, 1, 1),
                    f(BOOKSHELF, 0, 2), f(CHEST_OF_DRAWERS, 1, 3)),
                    List.of(BEDSIDE_LAMP, PAPERBACK, ALARM_CLOCK, SCARF, WALLET, SPECTACLES, QUILT)),
            new RoomKind("living room", List.of(f(COUCH, 1, 2), f(COFFEE_TABLE, 1, 1), f(SIDEBOARD, 1, 3), f(MEDIA_CONSOLE, 0, 1),
                    f(SIDE_TABLE, 1, 2), f(FOOTSTOOL, 0, 1), f(BOOKSHELF, 0, 2)),
                    List.of(FLOOR_LAMP, REMOTE, CUSHION, MAGAZINE, VASE, COASTER, PHOTO_FRAME, BOARD_GAME, PAPERBACK)),
            new RoomKind("study", List.of(f(DESK, 1, 2), f(FILING_CABINET, 1, 3), f(LETTER_TRAY, 0, 2), f(PRINTER_STAND, 0, 1),
                    f(SUPPLY_LOCKER, 0, 2), f(BOOKSHELF, 1, 2)),
                    List.of(DESK_LIGHT, PEN, STAPLER, NOTEBOOK, CALCULATOR, ENVELOPE, PAPER_KNIFE, ATLAS, PAPERBACK, CUP)),
            new RoomKind("garage", List.of(f(WORKBENCH, 1, 2), f(TOOL_CHEST, 1, 3), f(STORAGE_CRATE, 1, 3), f(SHELF_RACK, 1, 3),
                    f(CHEST_FREEZER, 0, 1), f(UTILITY_SINK, 0, 1)),
                    List.of(WORK_LIGHT, SPANNER, PAINTBRUSH, OIL_CAN, DRINK_CAN, ICE_PACK, GLOVES, HANDSAW, WATERMELON)),
            new RoomKind("laundry room", List.of(f(LAUNDRY_TUB, 1, 1), f(TUMBLE_DRYER, 0, 1), f(IRONING_BOARD, 0, 1), f(LINEN_PRESS, 1, 2),
                    f(HAMPER, 1, 2), f(FOLDING_TABLE, 1, 1), f(CUPBOARD, 0, 2)),
                    List.of(TOWEL, SHIRT, SOCK, PILLOWCASE, DETERGENT, PEG_BAG)));

    private static Fitting f(ReceptacleKind kind, int min, int max) {
        return new Fitting(kind, min, max);
    }

    private static ItemKind item(String name, String flags, String... homes) {
        Set<Treatment> ts = EnumSet.noneOf(Treatment.class);
        if (flags.contains("C")) ts.add(Treatment.CLEAN);
        if (flags.contains("H")) ts.add(Treatment.HEAT);
        if (flags.contains("K")) ts.add(Treatment.COOL);
        return new ItemKind(name, ts, flags.contains("S"), flags.contains("X"), false, List.of(homes));
    }

    private static ItemKind light(String name, String... homes) {
        return new ItemKind(name, Set.of(), false, false, true, List.of(homes));
    }
}
