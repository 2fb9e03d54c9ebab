"use client";

import { useId, useMemo, useState } from "react";
import { errorMessage } from "@/hooks/use-api";
import { useSettings } from "@/hooks/use-settings";
import { fieldClass } from "@/components/ui/button";
import { ChoiceGroup, Section, hintClass, labelClass } from "@/components/settings/ui";
import { UNDO_SEND_MAX_SECONDS, type DateFormat, type SettingsPatch } from "@/lib/shared/settings";

const UNDO_CHOICES = [0, 5, 10, 20, UNDO_SEND_MAX_SECONDS];
const SAMPLE = new Date(Date.UTC(2026, 11, 31, 9, 30));

const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  // Short enough for the closed select on a phone; the hint under it says what it does.
  auto: "Automatic (31 Dec, 31 Dec 2025)",
  dmy: "Day first (31/12/2026)",
  mdy: "Month first (12/31/2026)",
  ymd: "Year first (2026-12-31)",
};

function zones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf("timeZone");
  } catch {
    return [];
  }
}

/** Appearance, reading and sending preferences: each change is saved at once (and applied at once). */
export function PreferencesSection() {
  const id = useId();
  const { settings, save } = useSettings();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const allZones = useMemo(zones, []);
  const browserZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);

  const change = async (patch: SettingsPatch) => {
    setStatus(null);
    try {
      await save(patch);
      setStatus({ ok: true, text: "Saved. Every browser you sign in on gets this." });
    } catch (err) {
      setStatus({ ok: false, text: errorMessage(err) });
    }
  };

  const zoneChoices = settings.timeZone && !allZones.includes(settings.timeZone) ? [settings.timeZone, ...allZones] : allZones;
  const sampleTime = SAMPLE.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit", timeZone: settings.timeZone || undefined });

  return (
    <>
      <Section id={`${id}-look`} title="Appearance">
        <ChoiceGroup
          name="theme"
          legend="Theme"
          value={settings.theme}
          onChange={(theme) => void change({ theme })}
          choices={[
            { value: "system", label: "System", hint: "Follows your device" },
            { value: "light", label: "Light" },
            { value: "dark", label: "Dark" },
          ]}
        />
        <ChoiceGroup
          name="density"
          legend="Density"
          value={settings.density}
          onChange={(density) => void change({ density })}
          choices={[
            { value: "comfortable", label: "Comfortable" },
            { value: "compact", label: "Compact", hint: "More messages on screen" },
          ]}
        />
        <ChoiceGroup
          name="reading-pane"
          legend="Reading pane"
          value={settings.readingPane}
          onChange={(readingPane) => void change({ readingPane })}
          choices={[
            { value: "right", label: "Right of the list" },
            { value: "below", label: "Below the list", hint: "On wide screens" },
            { value: "off", label: "Off", hint: "A message replaces the list" },
          ]}
        />
      </Section>

      <Section id={`${id}-mail`} title="Reading and sending">
        <label className="flex min-h-11 cursor-pointer items-start gap-2.5 text-sm text-zinc-800 dark:text-zinc-200">
          <input
            type="checkbox"
            checked={settings.conversations}
            onChange={(e) => void change({ conversations: e.target.checked })}
            aria-describedby={`${id}-conv-hint`}
            className="mt-0.5 size-4 shrink-0"
          />
          <span>
            <span className="block font-medium">Conversations on by default</span>
            <span id={`${id}-conv-hint`} className={hintClass}>
              Group replies with the message they answer. You can still switch it per folder.
            </span>
          </span>
        </label>
        <div>
          <label htmlFor={`${id}-undo`} className={labelClass}>
            Undo send
          </label>
          <select id={`${id}-undo`} value={settings.undoSendSeconds} onChange={(e) => void change({ undoSendSeconds: Number(e.target.value) })} className={`${fieldClass} min-h-11 sm:min-h-0`}>
            {UNDO_CHOICES.map((s) => (
              <option key={s} value={s}>
                {s === 0 ? "Off: send at once" : `${s} seconds`}
              </option>
            ))}
          </select>
          <p className={`mt-1 ${hintClass}`}>How long a sent message waits, so you can take it back.</p>
        </div>
      </Section>

      <Section id={`${id}-time`} title="Date and time">
        <div>
          <label htmlFor={`${id}-zone`} className={labelClass}>
            Time zone
          </label>
          <select id={`${id}-zone`} value={settings.timeZone} onChange={(e) => void change({ timeZone: e.target.value })} className={`${fieldClass} min-h-11 w-full max-w-md sm:min-h-0`}>
            <option value="">This device&apos;s time zone ({browserZone})</option>
            {zoneChoices.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, " ")}
              </option>
            ))}
          </select>
          <p className={`mt-1 ${hintClass}`}>9:30 UTC shows as {sampleTime}.</p>
        </div>
        <div>
          <label htmlFor={`${id}-date`} className={labelClass}>
            Date format
          </label>
          <select id={`${id}-date`} value={settings.dateFormat} onChange={(e) => void change({ dateFormat: e.target.value as DateFormat })} className={`${fieldClass} min-h-11 w-full max-w-md sm:min-h-0`}>
            {(Object.keys(DATE_FORMAT_LABELS) as DateFormat[]).map((f) => (
              <option key={f} value={f}>
                {DATE_FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
          {settings.dateFormat === "auto" && <p className={`mt-1 ${hintClass}`}>The time for today’s mail, the day and month this year, the full date before.</p>}
        </div>
      </Section>

      {/* Fixed at the bottom: the control that was changed may be far down the page. */}
      <p
        role="status"
        className={`pointer-events-none fixed inset-x-0 bottom-4 z-20 mx-auto w-fit max-w-[calc(100%-2rem)] rounded-lg px-3 py-2 text-sm shadow-lg empty:hidden ${
          status?.ok === false ? "bg-red-700 text-white" : "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
        }`}
      >
        {status?.text ?? ""}
      </p>
    </>
  );
}
