package dev.storageledger.documentation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands of a Markdown file's {@code console} blocks, each with the answer the text shows under it: a line
 * that starts with {@code $ } begins a command, the lines indented by four spaces after it continue it, and every
 * other line up to the next command or the block's end is its answer.
 */
record WalkThrough(List<Step> steps) {

    private static final Pattern CONSOLE_BLOCK = Pattern.compile("(?ms)^```console\\n(.*?)^```");

    record Step(String command, String answer) {
    }

    static WalkThrough of(Path markdown) throws IOException {
        List<Step> steps = new ArrayList<>();
        Matcher block = CONSOLE_BLOCK.matcher(Files.readString(markdown));
        while (block.find()) {
            List<String> lines = block.group(1).lines().toList();
            for (int line = 0; line < lines.size(); ) {
                if (!lines.get(line).startsWith("$ ")) {
                    throw new IllegalStateException(markdown + ": a console block must start with a command: " + lines.get(line));
                }
                StringBuilder command = new StringBuilder(lines.get(line++).substring(2));
                while (line < lines.size() && lines.get(line).startsWith("    ")) {
                    command.append('\n').append(lines.get(line++));
                }
                StringBuilder answer = new StringBuilder();
                while (line < lines.size() && !lines.get(line).startsWith("$ ")) {
                    answer.append(lines.get(line++)).append('\n');
                }
                steps.add(new Step(command.toString(), answer.toString().strip()));
            }
        }
        return new WalkThrough(List.copyOf(steps));
    }

    WalkThrough then(WalkThrough next) {
        List<Step> all = new ArrayList<>(steps);
        all.addAll(next.steps);
        return new WalkThrough(List.copyOf(all));
    }
}
