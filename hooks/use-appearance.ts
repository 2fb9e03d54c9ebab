"use client";

import { useEffect } from "react";
import { useSettings } from "@/hooks/use-settings";

/**
 * Applies Settings → Theme, Density and Reading pane to the page: a class (light/dark; none = follow
 * the system) and data attributes on <html>, which app/globals.css and app/appearance.css read.
 */
export function useAppearance(): void {
  const { settings } = useSettings();
  const { theme, density, readingPane } = settings;
  useEffect(() => {
    const html = document.documentElement;
    html.classList.toggle("dark", theme === "dark");
    html.classList.toggle("light", theme === "light");
    html.dataset.density = density;
    html.dataset.readingPane = readingPane;
  }, [theme, density, readingPane]);
}

/** Message rows are virtualised at a fixed height: Density "compact" takes 12 px off each (app/appearance.css tightens the row). */
export function useRowHeight(base: number): number {
  const { settings } = useSettings();
  return settings.density === "compact" ? base - 12 : base;
}
