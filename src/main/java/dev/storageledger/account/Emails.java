package dev.storageledger.account;

import dev.storageledger.failure.Failure;
import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one way an email enters the ledger, wherever it comes from (a user saved, a login, a lookup): in its NFKC form,
 * so that the compatibility forms of one address (fullwidth letters, ligatures) are that one address; and refused when
 * it could pass for another address: with an invisible or format character (Unicode category Cf: zero-width spaces and
 * joiners, the byte order mark, the soft hyphen), a control character, an unassigned one, or with a local part or a
 * domain that mixes scripts (a Cyrillic 'а' among Latin letters). Digits and punctuation (the scripts Common and
 * Inherited) go with any script; the mixes that Unicode's "highly restrictive" level allows (UTS 39: Latin with Han
 * and Japanese kana, with Han and Bopomofo, or with Han and Hangul) are allowed, as real addresses use them.
 */
public final class Emails {

    /** The longest address RFC 5321 allows (64 for the local part, @, 255 for the domain). */
    public static final int MAXIMUM_LENGTH = 320;
    private static final Set<UnicodeScript> NEUTRAL = EnumSet.of(UnicodeScript.COMMON, UnicodeScript.INHERITED);
    private static final List<Set<UnicodeScript>> ALLOWED_MIXES = List.of(
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

    private Emails() {
    }

    /**
     * {@code email} in its NFKC form.
     *
     * @throws Failure invalid, naming the field "email" and the character or the scripts, when it could pass for another
     */
    public static String normalise(String email) {
        String normalised = Normalizer.normalize(email, Normalizer.Form.NFKC);
        if (normalised.length() > MAXIMUM_LENGTH) {
            // A compatibility character may stand for many (up to 18): the address kept must fit as the one given does.
            throw Failure.invalid("email: must have at most " + MAXIMUM_LENGTH + " characters in its NFKC form");
        }
        for (int index = 0; index < normalised.length(); ) {
            int character = normalised.codePointAt(index);
            String kind = switch (Character.getType(character)) {
                case Character.FORMAT -> "an invisible character";
                case Character.CONTROL -> "a control character";
                case Character.UNASSIGNED -> "an unassigned character";
                default -> null;
            };
            if (kind != null) {
                throw Failure.invalid("email: must not contain " + kind + " (" + String.format(Locale.ROOT, "U+%04X", character)
                        + ", at character " + index + "), with which an address can pass for another");
            }
            index += Character.charCount(character);
        }
        int at = normalised.lastIndexOf('@');
        requireOneScript("local part", at < 0 ? normalised : normalised.substring(0, at));
        if (at >= 0) {
            requireOneScript("domain", normalised.substring(at + 1));
        }
        return normalised;
    }

    private static void requireOneScript(String part, String text) {
        Set<UnicodeScript> scripts = text.codePoints().mapToObj(UnicodeScript::of).filter(script -> !NEUTRAL.contains(script))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(UnicodeScript.class)));
        if (scripts.size() > 1 && ALLOWED_MIXES.stream().noneMatch(allowed -> allowed.containsAll(scripts))) {
            throw Failure.invalid("email: its " + part + " must be written in one script, not mix "
                    + scripts.stream().map(Emails::name).collect(Collectors.joining(" and ")));
        }
    }

    /** "Latin", "Cyrillic": a script's name as people write it. */
    private static String name(UnicodeScript script) {
        String lower = script.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
