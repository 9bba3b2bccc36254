/** A Thunderbird autoconfig file with IMAP, two good POP3 servers and one bad one. */
export const CONFIG = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<clientConfig version="1.1">
  <emailProvider id="example.org">
    <domain>example.org</domain>
    <incomingServer type="imap"><hostname>imap.example.org</hostname><port>993</port><socketType>SSL</socketType><username>%EMAILADDRESS%</username></incomingServer>
    <incomingServer type="pop3"><hostname>pop.%EMAILDOMAIN%</hostname><port>995</port><socketType>SSL</socketType><username>%EMAILLOCALPART%</username></incomingServer>
    <incomingServer type="pop3"><hostname>pop.example.org</hostname><port>110</port><socketType>STARTTLS</socketType><username>%EMAILADDRESS%</username></incomingServer>
    <incomingServer type="pop3"><hostname>bad host!</hostname><port>995</port><socketType>SSL</socketType></incomingServer>
  </emailProvider>
</clientConfig>`;
