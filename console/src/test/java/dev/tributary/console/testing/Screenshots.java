package dev.tributary.console.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Saves the window as a PNG under target/screenshots, kept as a build artifact. */
public final class Screenshots {

    private static final Path DIR = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

    private Screenshots() {}

    public static Path save(Window window, String name) throws TimeoutException {
        WritableImage image = WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                WaitForAsyncUtils.asyncFx(() -> window.getScene().snapshot(null)));
        try {
            Files.createDirectories(DIR);
            Path file = DIR.resolve(name + ".png");
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
