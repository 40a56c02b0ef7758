package kaizen.data.gen.dbbench;

import java.util.List;

/**
 * Kaizen's own word lists for generated cells. Some names carry apostrophes and accents on
 * purpose (SQL quoting, Python repr); no name appears both with and without an accent, because
 * the server's accent-insensitive collation would treat the two as equal.
 */
final class Vocabulary {
    private Vocabulary() {}

    static final List<String> FIRST_NAMES = List.of(
            "Amara", "Bastian", "Cleo", "Dmitri", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonah",
            "Kalani", "Lorcan", "Mireille", "Nadia", "Oskar", "Priya", "Quentin", "Rosalind", "Soren", "Tamsin",
            "Ulla", "Vikram", "Wren", "Ximena", "Yusuf", "Zoë", "Anouk", "Bram", "Céline", "Dario",
            "Esme", "Fintan", "Gideon", "Hana", "Ivo", "Jolene", "Kasimir", "Liesel", "Matteo", "Noor");

    static final List<String> LAST_NAMES = List.of(
            "Abernathy", "Brightwater", "Castellano", "Duval", "Eriksen", "Fairbairn", "Galloway", "Haddad",
            "Ishikawa", "Jovanović", "Kowalczyk", "Lindqvist", "Marchetti", "Nakamura", "O'Neill", "Pereira",
            "Quinlan", "Rasmussen", "Saltonstall", "Thorne", "Underhill", "Varga", "Whitlock", "Yilmaz",
            "Zielinski", "D'Souza", "Okafor", "Byrne", "Achterberg", "Moreau", "Tanaka", "Hollis",
            "Ferreira", "Gutiérrez", "Lachance", "Mbeki", "Novak", "Pemberton", "Sandoval", "Vance");
}
