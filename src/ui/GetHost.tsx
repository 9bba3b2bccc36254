import { useEffect, useState } from 'preact/hooks';
import browser from '../browser';
import { type HostInstructions, NPM_INSTRUCTIONS, hostInstructions } from '../shared/host-download';
import { POPBIFF_VERSION } from '../shared/version';
import { t } from './i18n';

/** The build setting: where this build's host downloads live (unset in developer builds). */
const DOWNLOAD_BASE: string | undefined = import.meta.env.VITE_POPBIFF_HOST_DOWNLOAD_URL || undefined;

/**
 * How to get (or update) the host on this computer: the download for its OS and the one command
 * that installs it, then the command that checks it. A developer build knows no downloads and
 * shows the npm path at once; a release build asks the browser which OS this is.
 */
export function GetHost({ update }: { update: boolean }) {
  const [steps, setSteps] = useState<HostInstructions | undefined>(DOWNLOAD_BASE ? undefined : NPM_INSTRUCTIONS);
  useEffect(() => {
    if (!DOWNLOAD_BASE) return;
    browser.runtime.getPlatformInfo().then(
      (platform) => setSteps(hostInstructions(platform, POPBIFF_VERSION, DOWNLOAD_BASE)),
      () => setSteps(NPM_INSTRUCTIONS), // no platform, no package to pick: npm works everywhere
    );
  }, []);
  if (!steps) return null;
  return (
    <div class="get-host">
      {steps.download && (
        <p>
          {t('getHost_download')}{' '}
          <a href={steps.download.url} target="_blank" rel="noreferrer">
            {steps.download.file}
          </a>
        </p>
      )}
      <p>
        {update ? t('getHost_update') : t('host_explain')} <code>{steps.install}</code>
      </p>
      <p>
        {t('host_doctor')} <code>{steps.doctor}</code>
      </p>
    </div>
  );
}
