package dev.tributary.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium (Debian's chromium and chromium-driver), driven through Selenium. Nothing is ever
 * downloaded: a missing browser fails the test that needs it, saying what to install.
 */
public final class TestingBrowser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where every test's screenshots go: a build artifact. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    public static final Dimension DESKTOP = new Dimension(1280, 800);
    public static final Dimension PHONE = new Dimension(390, 844);

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    public TestingBrowser(String base) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The UI tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver");
        }
        this.base = base;
        try {
            profile = Files.createTempDirectory("tributary-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        driver = new ChromeDriver(service, options);
        resize(DESKTOP);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a path of the server (or a whole URL). */
    public void open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    /** The size of the page's viewport, which is what the CSS sees (the window adds its frame). */
    public void resize(Dimension viewport) {
        driver.manage().window().setSize(viewport);
        Long width = (Long) script("return window.innerWidth");
        Long height = (Long) script("return window.innerHeight");
        driver.manage().window().setSize(new Dimension(2 * viewport.width - width.intValue(), 2 * viewport.height - height.intValue()));
    }

    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(condition);
    }

    public <T> T waitUntil(Function<WebDriver, T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(condition);
    }

    public WebElement find(By by) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** The form control that the label with this exact text names. */
    public WebElement field(String label) {
        WebElement found = find(By.xpath("//label[normalize-space(.)='" + label + "']"));
        return driver.findElement(By.id(found.getAttribute("for")));
    }

    public void type(String label, String text) {
        WebElement control = field(label);
        control.clear();
        control.sendKeys(text);
    }

    public void choose(String label, String visibleText) {
        waitUntil(driver -> new Select(field(label)).getOptions().stream().anyMatch(option -> option.getText().equals(visibleText)));
        new Select(field(label)).selectByVisibleText(visibleText);
    }

    public void click(String buttonOrLinkText) {
        waitUntil(ExpectedConditions.elementToBeClickable(By.xpath("//*[self::button or self::a][normalize-space(.)='" + buttonOrLinkText
                + "']"))).click();
    }

    /** Waits until the page's main heading says this; if it never does, the failure shows what the page says instead. */
    public void heading(String text) {
        try {
            waitUntil(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
        } catch (TimeoutException e) {
            throw new AssertionError("Expected the page \"" + text + "\" at " + driver.getCurrentUrl() + "; it shows: "
                    + driver.findElement(By.tagName("main")).getText(), e);
        }
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Saves the viewport as target/screenshots/NAME.png, scrolled so that the element is in view. */
    public Path screenshot(String name, By show) {
        script("arguments[0].scrollIntoView({block: 'center'})", find(show));
        return screenshot(name);
    }

    /** Saves the viewport as target/screenshots/NAME.png. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
