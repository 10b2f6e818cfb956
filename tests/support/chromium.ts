/**
 * How every browser test in the repository launches Chromium: the Debian `chromium` package
 * (installed by scripts/ensure-system-deps.mjs), headless, without the sandbox (containers run
 * as root), and with nothing fetched in the background. `CHROMIUM_PATH` points at another build.
 */
export function chromiumLaunchOptions(): { executablePath: string; args: string[] } {
  return {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  };
}
