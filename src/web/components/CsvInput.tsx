import { useState } from "react";
import { TextAreaField } from "./Fields.tsx";

/**
 * A CSV file to upload, chosen from the device or pasted: both fill the same text, which the form
 * sends. Labels come from the page, in the reader's language.
 */
export function CsvInput({
  id,
  csv,
  onChange,
  error,
  labels,
}: {
  id: string;
  csv: string;
  /** Called with the new text whenever a file is chosen or the text is edited. */
  onChange: (csv: string) => void;
  /** The last failed request, whose message for `csv` shows under the text. */
  error?: unknown;
  labels: { file: string; fileHint: string; fileLoaded: (name: string) => string; paste: string; pasteHint: string };
}) {
  const [fileName, setFileName] = useState("");
  return (
    <>
      <div className="usa-form-group">
        <label className="usa-label" htmlFor={`${id}-file`}>
          {labels.file}
        </label>
        <span className="usa-hint" id={`${id}-file-hint`}>
          {labels.fileHint}
        </span>
        <input
          id={`${id}-file`}
          className="civitas-file-input"
          type="file"
          accept=".csv,text/csv"
          aria-describedby={`${id}-file-hint`}
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (!file) return;
            setFileName(file.name);
            onChange(await file.text());
          }}
        />
        {fileName ? <p className="civitas-block-note">{labels.fileLoaded(fileName)}</p> : null}
      </div>
      <TextAreaField
        id={`${id}-csv`}
        name="csv"
        label={labels.paste}
        hint={labels.pasteHint}
        value={csv}
        onChange={(event) => onChange(event.target.value)}
        error={error}
        className="civitas-csv"
        spellCheck={false}
      />
    </>
  );
}
