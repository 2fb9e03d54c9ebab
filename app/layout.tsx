import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { connection } from "next/server";
import { cookies } from "next/headers";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { Providers } from "@/components/providers";
import { pageSettings } from "@/lib/settings/page-settings";
import { appearanceAttributes } from "@/lib/shared/settings";
import { CLOCK_COOKIE, parseClock, type PageClock } from "@/lib/shared/page-clock";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Mailroom", template: "%s · Mailroom" },
  description: "Self-hosted webmail",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

// Every page renders per request: its scripts carry the nonce of that request's CSP (see proxy.ts),
// which a page prerendered at build time could not.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  const session = await getServerSession(authOptions);
  // A signed-in page starts in the person's own theme, density and reading pane (lib/settings/page-settings.ts).
  const settings = session ? await pageSettings() : null;
  // And with the dates the browser would write (its zone and locale from its cookie; lib/shared/page-clock.ts).
  const reader = settings ? parseClock((await cookies()).get(CLOCK_COOKIE)?.value) : null;
  const clock: PageClock | null = reader ? { ...reader, now: Date.now() } : null;
  return (
    <html lang="en" {...(settings ? appearanceAttributes(settings) : {})}>
      <body className="min-h-dvh font-sans">
        <Providers session={session} settings={settings} clock={clock}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
