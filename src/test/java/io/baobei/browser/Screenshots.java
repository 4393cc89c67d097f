package io.baobei.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/** Numbered screenshots and page dumps of one browser test class, in its own folder under target/screenshots. */
final class Screenshots {

    private final Path folder;
    private int shot;

    Screenshots(String name) {
        this.folder = Path.of("target", "screenshots", name);
    }

    /** Empties the folder, so it shows this run only. */
    void clean() throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(folder);
    }

    void take(WebDriver driver, String name) {
        Path file = folder.resolve(String.format("%02d-%s.png", ++shot, name));
        try {
            sleep(150); // let animations (modal fade, notifications) settle for a faithful picture
            Files.createDirectories(folder);
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            System.err.println("screenshot " + file + " failed: " + e);
        }
    }

    /** The page's HTML, for a failed step. */
    void dump(WebDriver driver, String name) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println("page dump " + name + " failed: " + e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
