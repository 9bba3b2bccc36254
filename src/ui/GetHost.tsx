import { Component } from 'preact';
import browser from '../browser';
import { type HostInstructions, NPM_INSTRUCTIONS, hostInstructions } from '../shared/host-download';
import { POPBIFF_VERSION } from '../shared/version';
import { t } from './i18n';

/** The build setting: where this build's host downloads live (unset in developer builds). */
const DOWNLOAD_BASE: string | undefined = import.meta.env.VITE_POPBIFF_HOST_DOWNLOAD_URL || undefined;

/**
 * How to get (or update) the host on this computer: the download for its OS and the one command
 * that installs it, then the command that checks it. A developer build knows no downloads and
 * shows the npm path at once; a release build asks the browser which OS this is. A class, not
 * hooks: the popup shows it, and preact/hooks would cost a twelfth of the popup's 12 KB budget.
 */
export class GetHost extends Component<{ update: boolean }, { steps: HostInstructions | undefined }> {
  override state = { steps: DOWNLOAD_BASE ? undefined : NPM_INSTRUCTIONS };

  override componentDidMount(): void {
    if (!DOWNLOAD_BASE) return;
    const base = DOWNLOAD_BASE;
    browser.runtime.getPlatformInfo().then(
      (platform) => this.setState({ steps: hostInstructions(platform, POPBIFF_VERSION, base) }),
      () => this.setState({ steps: NPM_INSTRUCTIONS }), // no platform, no package to pick: npm works everywhere
    );
  }

  override render() {
    const { update } = this.props;
    const { steps } = this.state;
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
}
