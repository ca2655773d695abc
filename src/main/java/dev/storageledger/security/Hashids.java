package dev.storageledger.security;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Hashids algorithm (version 1, as hashids.org describes it and Go's github.com/speps/go-hashids implements it):
 * lists of non-negative integers written as short strings of an alphabet, shuffled by a salt. Cloudreve writes its
 * ids this way (with the default alphabet and no minimum length); the ledger decodes the subjects of its tokens.
 *
 * <p>Characters are Unicode code points, as Go's runes: a salt outside ASCII shuffles as Go shuffles it.
 */
final class Hashids {

    static final String DEFAULT_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890";
    private static final String DEFAULT_SEPARATORS = "cfhistuCFHISTU";
    private static final int MINIMUM_ALPHABET_LENGTH = 16;
    private static final double SEPARATOR_DIVISOR = 3.5;
    private static final double GUARD_DIVISOR = 12;

    private final int[] salt;
    private final int minimumLength;
    private final int[] alphabet;
    private final int[] separators;
    private final int[] guards;

    Hashids(String salt) {
        this(salt, 0, DEFAULT_ALPHABET);
    }

    Hashids(String salt, int minimumLength, String alphabet) {
        requireNonNull(salt, "salt is null");
        requireNonNull(alphabet, "alphabet is null");
        if (minimumLength < 0) {
            throw new IllegalArgumentException("minimumLength is negative: " + minimumLength);
        }
        int[] letters = alphabet.codePoints().toArray();
        if (Arrays.stream(letters).distinct().count() != letters.length) {
            throw new IllegalArgumentException("the alphabet repeats a character");
        }
        if (letters.length < MINIMUM_ALPHABET_LENGTH) {
            throw new IllegalArgumentException("the alphabet has fewer than " + MINIMUM_ALPHABET_LENGTH + " characters");
        }
        if (Arrays.stream(letters).anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the alphabet has a space");
        }
        this.salt = salt.codePoints().toArray();
        this.minimumLength = minimumLength;

        // The separators are those of the default ones that the alphabet has, taken out of it.
        int[] separators = DEFAULT_SEPARATORS.codePoints().filter(separator -> contains(letters, separator)).toArray();
        int[] rest = Arrays.stream(letters).filter(letter -> !contains(separators, letter)).toArray();
        int[] shuffledSeparators = shuffle(separators, this.salt);
        if (shuffledSeparators.length == 0 || (double) rest.length / shuffledSeparators.length > SEPARATOR_DIVISOR) {
            int wanted = (int) Math.ceil(rest.length / SEPARATOR_DIVISOR);
            if (wanted == 1) {
                wanted = 2;
            }
            if (wanted > shuffledSeparators.length) {
                int missing = wanted - shuffledSeparators.length;
                shuffledSeparators = concat(shuffledSeparators, Arrays.copyOfRange(rest, 0, missing));
                rest = Arrays.copyOfRange(rest, missing, rest.length);
            } else {
                shuffledSeparators = Arrays.copyOf(shuffledSeparators, wanted);
            }
        }
        rest = shuffle(rest, this.salt);
        int guardCount = (int) Math.ceil(rest.length / GUARD_DIVISOR);
        if (rest.length < 3) {
            this.guards = Arrays.copyOf(shuffledSeparators, guardCount);
            shuffledSeparators = Arrays.copyOfRange(shuffledSeparators, guardCount, shuffledSeparators.length);
        } else {
            this.guards = Arrays.copyOf(rest, guardCount);
            rest = Arrays.copyOfRange(rest, guardCount, rest.length);
        }
        this.alphabet = rest;
        this.separators = shuffledSeparators;
    }

    /** The hash of {@code numbers}: at least one, none negative. */
    String encode(long... numbers) {
        if (numbers.length == 0) {
            throw new IllegalArgumentException("no numbers to encode");
        }
        long numbersHash = 0;
        for (int i = 0; i < numbers.length; i++) {
            if (numbers[i] < 0) {
                throw new IllegalArgumentException("a negative number cannot be encoded: " + numbers[i]);
            }
            numbersHash += numbers[i] % (i + 100);
        }
        int[] letters = alphabet.clone();
        int lottery = letters[(int) (numbersHash % letters.length)];
        List<Integer> result = new ArrayList<>();
        result.add(lottery);
        for (int i = 0; i < numbers.length; i++) {
            letters = shuffle(letters, buffer(lottery, letters));
            int[] last = hash(numbers[i], letters);
            for (int letter : last) {
                result.add(letter);
            }
            if (i + 1 < numbers.length) {
                long number = numbers[i] % (last[0] + i);
                result.add(separators[(int) (number % separators.length)]);
            }
        }
        if (result.size() < minimumLength) {
            result.addFirst(guards[(int) ((numbersHash + result.get(0)) % guards.length)]);
            if (result.size() < minimumLength) {
                result.add(guards[(int) ((numbersHash + result.get(2)) % guards.length)]);
            }
        }
        int half = letters.length / 2;
        while (result.size() < minimumLength) {
            letters = shuffle(letters, letters);
            List<Integer> padded = new ArrayList<>();
            for (int j = half; j < letters.length; j++) {
                padded.add(letters[j]);
            }
            padded.addAll(result);
            for (int j = 0; j < half; j++) {
                padded.add(letters[j]);
            }
            int excess = padded.size() - minimumLength;
            result = excess > 0 ? new ArrayList<>(padded.subList(excess / 2, excess / 2 + minimumLength)) : padded;
        }
        StringBuilder text = new StringBuilder();
        result.forEach(text::appendCodePoint);
        return text.toString();
    }

    /**
     * The numbers of {@code hash}; empty when it is not a hash of this salt and alphabet (a character it cannot have,
     * a number past 2^63-1, or a text that the numbers it decodes to would not be written as).
     */
    Optional<long[]> decode(String hash) {
        requireNonNull(hash, "hash is null");
        int[] characters = hash.codePoints().toArray();
        if (characters.length == 0
                || Arrays.stream(characters).anyMatch(c -> !contains(alphabet, c) && !contains(separators, c) && !contains(guards, c))) {
            return Optional.empty();
        }
        List<int[]> parts = split(characters, guards);
        int[] breakdown = parts.get(parts.size() == 2 || parts.size() == 3 ? 1 : 0);
        if (breakdown.length == 0) {
            return Optional.empty();
        }
        int lottery = breakdown[0];
        int[] letters = alphabet.clone();
        List<int[]> pieces = split(Arrays.copyOfRange(breakdown, 1, breakdown.length), separators);
        long[] numbers = new long[pieces.size()];
        for (int i = 0; i < pieces.size(); i++) {
            letters = shuffle(letters, buffer(lottery, letters));
            Optional<Long> number = unhash(pieces.get(i), letters);
            if (number.isEmpty()) {
                return Optional.empty();
            }
            numbers[i] = number.get();
        }
        if (numbers.length == 0 || !encode(numbers).equals(hash)) {
            return Optional.empty();
        }
        return Optional.of(numbers);
    }

    /** The salt of the alphabet's shuffle for each number: the lottery, the salt, the alphabet, as long as the alphabet. */
    private int[] buffer(int lottery, int[] letters) {
        int[] buffer = new int[1 + salt.length + letters.length];
        buffer[0] = lottery;
        System.arraycopy(salt, 0, buffer, 1, salt.length);
        System.arraycopy(letters, 0, buffer, 1 + salt.length, letters.length);
        return Arrays.copyOf(buffer, letters.length);
    }

    private static int[] hash(long number, int[] letters) {
        List<Integer> reversed = new ArrayList<>();
        long rest = number;
        do {
            reversed.add(letters[(int) (rest % letters.length)]);
            rest /= letters.length;
        } while (rest > 0);
        int[] hash = new int[reversed.size()];
        for (int i = 0; i < hash.length; i++) {
            hash[i] = reversed.get(hash.length - 1 - i);
        }
        return hash;
    }

    private static Optional<Long> unhash(int[] hash, int[] letters) {
        if (hash.length == 0) {
            return Optional.empty();
        }
        long number = 0;
        for (int character : hash) {
            int position = indexOf(letters, character);
            if (position < 0) {
                return Optional.empty();
            }
            try {
                number = Math.addExact(Math.multiplyExact(number, letters.length), position);
            } catch (ArithmeticException e) {
                return Optional.empty();
            }
        }
        return Optional.of(number);
    }

    /** The consistent shuffle of hashids: the same salt always shuffles the same way; no salt leaves it as it is. */
    private static int[] shuffle(int[] letters, int[] salt) {
        int[] shuffled = letters.clone();
        if (salt.length == 0) {
            return shuffled;
        }
        for (int i = shuffled.length - 1, v = 0, p = 0; i > 0; i--, v = (v + 1) % salt.length) {
            p += salt[v];
            int j = (salt[v] + v + p) % i;
            int swapped = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = swapped;
        }
        return shuffled;
    }

    private static List<int[]> split(int[] characters, int[] at) {
        List<int[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= characters.length; i++) {
            if (i == characters.length || contains(at, characters[i])) {
                parts.add(Arrays.copyOfRange(characters, start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    private static boolean contains(int[] letters, int letter) {
        return indexOf(letters, letter) >= 0;
    }

    private static int indexOf(int[] letters, int letter) {
        for (int i = 0; i < letters.length; i++) {
            if (letters[i] == letter) {
                return i;
            }
        }
        return -1;
    }

    private static int[] concat(int[] first, int[] second) {
        int[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
