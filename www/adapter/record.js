// Record mode for the adapter page (crates/replay/README.md, "Recording in
// the browser"). Off unless the configuration turns it on:
//   CTIFLOW_CONFIG.record = true   or the URL parameter record=1 (or true)
//   recordDescription              optional text for the recording's header
// Then the status panel gets a Record/Stop button. Record starts
// `engine.startRecording()`; Stop ends it and offers the recording (JSON
// Lines, the `ctiflow replay` format, secrets scrubbed by the engine) as a
// download. Labels are set with textContent only.

const on = (v) => v === true || v === 1 || v === "1" || v === "true";

/**
 * Adds the Record/Stop control to the status panel when record mode is
 * configured. Returns the control's API (also `adapter.recorder`), or null.
 */
export function installRecorder(adapter, panel = document.getElementById("status")) {
  if (!on(adapter.config.record) || !panel) return null;
  const box = document.createElement("p");
  box.id = "record";
  const button = document.createElement("button");
  button.type = "button";
  button.id = "record-button";
  const state = document.createElement("span");
  state.id = "record-state";
  const link = document.createElement("a");
  link.id = "record-download";
  link.hidden = true;
  box.append(button, " ", state, " ", link);
  const stateLine = document.getElementById("state")?.parentElement;
  if (stateLine && stateLine.parentElement === panel) stateLine.after(box);
  else panel.append(box);

  let url = null;
  const recorder = {
    last: null, // the last recording's JSONL text
    get recording() { return !!adapter.engine && adapter.engine.recording; },
    start() {
      if (!adapter.engine) throw new Error("the engine is not ready");
      adapter.engine.startRecording(adapter.config.recordDescription || undefined);
      draw();
    },
    /** Stops, offers the download, and returns the JSONL text. */
    stop({ download = true } = {}) {
      const text = adapter.engine.stopRecording();
      this.last = text;
      const events = text.split("\n").filter((l) => l.startsWith('{"kind":"event"')).length;
      if (url) URL.revokeObjectURL(url);
      url = URL.createObjectURL(new Blob([text], { type: "application/x-ndjson" }));
      link.href = url;
      link.download = `ctiflow-recording-${new Date().toISOString().replace(/[:.]/g, "-")}.jsonl`;
      link.textContent = `Download recording (${events} event${events === 1 ? "" : "s"})`;
      link.hidden = false;
      draw();
      if (download) link.click();
      return text;
    },
    toggle() {
      try {
        if (this.recording) this.stop(); else this.start();
      } catch (e) {
        adapter.status.error(`record: ${e && e.message ? e.message : e}`);
      }
    },
  };
  function draw() {
    const recording = recorder.recording;
    button.textContent = recording ? "Stop" : "Record";
    button.disabled = !adapter.engine;
    state.textContent = recording ? "recording…" : "";
    box.classList.toggle("recording", recording);
  }
  button.addEventListener("click", () => recorder.toggle());
  recorder.draw = draw;
  draw();
  adapter.recorder = recorder;
  return recorder;
}
