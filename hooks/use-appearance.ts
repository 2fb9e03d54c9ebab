"use client";

import { useEffect } from "react";
import { useSettings } from "@/hooks/use-settings";
import { appearanceAttributes, THEMES } from "@/lib/shared/settings";

/**
 * Keeps Settings → Theme, Density and Reading pane on <html> after a change: the same attributes the
 * server renders into the page (appearanceAttributes), which app/globals.css and app/appearance.css read.
 */
export function useAppearance(): void {
  const { settings } = useSettings();
  const { theme, density, readingPane } = settings;
  useEffect(() => {
    const html = document.documentElement;
    const look = appearanceAttributes({ theme, density, readingPane });
    for (const t of THEMES) html.classList.toggle(t, look.className === t);
    html.dataset.density = look["data-density"];
    html.dataset.readingPane = look["data-reading-pane"];
  }, [theme, density, readingPane]);
}

/** Message rows are virtualised at a fixed height: Density "compact" takes 12 px off each (app/appearance.css tightens the row). */
export function useRowHeight(base: number): number {
  const { settings } = useSettings();
  return settings.density === "compact" ? base - 12 : base;
}
