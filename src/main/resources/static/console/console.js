// Courtside console: plain JavaScript over the public API (POST /) and the /files endpoint.
'use strict';

const ENDED = ['Finished', 'Failed', 'Canceled'];
const OUTPUT_COLOURS = ['#f5a623', '#2f80ed', '#27ae60', '#9b51e0', '#eb5757', '#56ccf2', '#6fcf97', '#bb6bd9',
  '#f2994a', '#219653'];
let timer = null;

// Every call is signed like an ICE SDK signs (RPC signature, HMAC-SHA1) with the AccessKey the user signed in
// with; it stays in this tab only (sessionStorage).
const KEY_STORE = 'courtside.accessKey';

function accessKey() {
  const stored = sessionStorage.getItem(KEY_STORE);
  return stored ? JSON.parse(stored) : null;
}

// RFC 3986: encodeURIComponent leaves !'()* alone, the signature needs them encoded.
function percentEncode(value) {
  return encodeURIComponent(value).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

async function signed(method, parameters) {
  const key = accessKey();
  if (!key) {
    signIn();
    throw new Error('Sign in with an AccessKey first.');
  }
  const all = {...parameters, AccessKeyId: key.id, SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0',
    SignatureNonce: crypto.randomUUID(), Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')};
  const canonical = Object.keys(all).sort().map(k => `${percentEncode(k)}=${percentEncode(all[k])}`).join('&');
  const toSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  const hmacKey = await crypto.subtle.importKey('raw', new TextEncoder().encode(`${key.secret}&`),
    {name: 'HMAC', hash: 'SHA-1'}, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, new TextEncoder().encode(toSign)));
  return `${canonical}&Signature=${percentEncode(btoa(String.fromCharCode(...mac)))}`;
}

async function rpc(action, parameters = {}) {
  const body = await signed('POST', {Action: action, ...parameters});
  const response = await fetch('/', {method: 'POST', body,
    headers: {'Content-Type': 'application/x-www-form-urlencoded'}});
  const answer = await response.json();
  if (!response.ok) {
    if (['InvalidAccessKeyId.NotFound', 'SignatureDoesNotMatch', 'Forbidden'].includes(answer.Code)) {
      sessionStorage.removeItem(KEY_STORE);
      signIn(`${answer.Code}: ${answer.Message}`);
    }
    throw new Error(`${answer.Code}: ${answer.Message}`);
  }
  return answer;
}

// A signed /files link for one object (url to download, name to upload), valid for FILES_LINK_SECONDS: HMAC-SHA256
// over its own string (COURTSIDE-FILES-LINK-V1, method, /files, the object, expiry, key id), so it works at /files
// only, for that object only. A video player may fetch it in ranges until it expires; an upload link works once.
const FILES_LINK_SECONDS = 300;

async function filesUrl(method, parameters) {
  const key = accessKey();
  if (!key) {
    signIn();
    throw new Error('Sign in with an AccessKey first.');
  }
  const name = method === 'POST' ? 'name' : 'url';
  const value = parameters[name];
  const expires = Math.floor(Date.now() / 1000) + FILES_LINK_SECONDS;
  // An upload link works once, so it carries a nonce of its own (two uploads of one name in a second differ).
  const nonce = method === 'POST' ? crypto.randomUUID() : null;
  const toSign = `COURTSIDE-FILES-LINK-V1\n${method}\n/files\n${name}=${value}\n${expires}\n${key.id}`
    + (nonce ? `\n${nonce}` : '');
  const hmacKey = await crypto.subtle.importKey('raw', new TextEncoder().encode(key.secret),
    {name: 'HMAC', hash: 'SHA-256'}, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, new TextEncoder().encode(toSign)));
  return `/files?${percentEncode(name)}=${percentEncode(value)}&AccessKeyId=${percentEncode(key.id)}`
    + `&Expires=${expires}` + (nonce ? `&Nonce=${nonce}` : '')
    + `&Signature=${percentEncode(btoa(String.fromCharCode(...mac)))}`;
}

// A player whose link has expired (seeking after five minutes) gets a fresh link and resumes where it was.
function renewOnError(media, url) {
  let renewed = 0;
  media.addEventListener('error', async () => {
    if (Date.now() - renewed < 60000) {
      return; // not an expired link: leave the error shown
    }
    renewed = Date.now();
    const at = media.currentTime || 0;
    media.src = await filesUrl('GET', {url});
    media.currentTime = at;
  });
}

function signIn(why = '') {
  clearTimeout(timer);
  document.getElementById('sign-in-message').textContent = why;
  show('sign-in');
}

function signInSubmitted(event) {
  event.preventDefault();
  const id = document.getElementById('access-key-id').value.trim();
  const secret = document.getElementById('access-key-secret').value.trim();
  if (!id || !secret) {
    document.getElementById('sign-in-message').textContent = 'Give the AccessKeyId and the AccessKeySecret.';
    return;
  }
  sessionStorage.setItem(KEY_STORE, JSON.stringify({id, secret}));
  document.getElementById('access-key-secret').value = '';
  route();
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, v));
  children.forEach(child => node.append(child));
  return node;
}

function show(view) {
  document.querySelectorAll('main > section').forEach(s => { s.hidden = s.id !== `view-${view}`; });
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.getAttribute('href') === `#/${view}`));
}

function repeat(task, everyMs) {
  clearTimeout(timer);
  const run = async () => {
    let again = true;
    try {
      again = await task();
    } catch (e) {
      console.error(e);
    }
    if (again !== false) {
      timer = setTimeout(run, everyMs);
    }
  };
  run();
}

// Jobs list, refreshed every two seconds.
async function showJobs() {
  show('jobs');
  repeat(async () => {
    const answer = await rpc('ListBatchMediaProducingJobs', {MaxResults: '50'});
    const rows = answer.EditingBatchJobList.map(job => el('tr', {},
      el('td', {}, el('a', {href: `#/job/${job.JobId}`}, job.JobId)),
      el('td', {}, el('span', {class: 'status', 'data-status': job.Status}, job.Status)),
      el('td', {}, el('progress', {max: '100', value: String(job.Progress)})),
      el('td', {}, job.Stage || ''),
      el('td', {}, job.CreateTime)));
    document.getElementById('job-rows').replaceChildren(...rows);
  }, 2000);
}

// Submit: upload a local file through POST /files, or take a URL, then SubmitSportsHighlightsJob.
function showSubmit() {
  clearTimeout(timer);
  show('submit');
}

async function submit(event) {
  event.preventDefault();
  const message = document.getElementById('submit-message');
  message.textContent = '';
  try {
    const file = document.getElementById('source-file').files[0];
    let input = document.getElementById('source-url').value.trim();
    if (file) {
      message.textContent = `Uploading ${file.name}…`;
      const name = file.name.replace(/[^A-Za-z0-9._-]/g, '_');
      const response = await fetch(await filesUrl('POST', {name}), {method: 'POST', body: file,
        headers: {'Content-Type': file.type || 'application/octet-stream'}});
      const answer = await response.json();
      if (!response.ok) {
        throw new Error(`${answer.Code}: ${answer.Message}`);
      }
      input = answer.MediaURL;
    }
    if (!input) {
      throw new Error('Choose a local file or give the URL of the game video.');
    }
    const output = {
      MediaURL: document.getElementById('media-url').value.trim()
        || `s3://courtside/console/${Date.now()}/highlight_{index}.mp4`,
      Count: Number(document.getElementById('count').value),
    };
    for (const [id, key] of [['width', 'Width'], ['height', 'Height'], ['max-duration', 'MaxDuration']]) {
      const value = document.getElementById(id).value;
      if (value) {
        output[key] = Number(value);
      }
    }
    let registrations = {};
    const more = document.getElementById('registrations').value.trim();
    if (more) {
      try {
        registrations = JSON.parse(more);
      } catch (e) {
        throw new Error(`Registrations: not valid JSON (${e.message}).`);
      }
    }
    const parameters = {
      InputConfig: JSON.stringify({...registrations, SportsCategory: document.getElementById('sport').value.trim(),
        InputMedia: input}),
      OutputConfig: JSON.stringify(output),
    };
    const notify = document.getElementById('notify').value.trim();
    if (notify) {
      parameters.UserData = JSON.stringify({NotifyAddress: notify});
    }
    const answer = await rpc('SubmitSportsHighlightsJob', parameters);
    location.hash = `#/job/${answer.JobId}`;
  } catch (e) {
    message.textContent = e.message;
  }
}

// One job: live status, outputs to play, the timeline chart, stages and callback attempts.
function showJob(jobId) {
  show('job');
  document.getElementById('job-id').textContent = jobId;
  document.getElementById('outputs').replaceChildren();
  let drawnFor = null;
  repeat(async () => {
    const job = (await rpc('GetBatchMediaProducingJob', {JobId: jobId})).EditingBatchJob;
    const status = document.getElementById('job-status');
    status.textContent = job.Status;
    status.dataset.status = job.Status;
    document.getElementById('job-stage').textContent = job.Stage || '';
    document.getElementById('job-progress').value = job.Progress;
    document.getElementById('job-percent').textContent = `${job.Progress}%`;
    document.getElementById('job-error').textContent =
      job.Extend && job.Extend.ErrorCode ? `${job.Extend.ErrorCode}: ${job.Extend.ErrorMessage}` : '';
    const cancel = document.getElementById('cancel-button');
    cancel.hidden = ENDED.includes(job.Status);
    cancel.onclick = () => rpc('CancelSportsHighlightsJob', {JobId: jobId}).catch(e => alert(e.message));
    if (job.ExtendOutput && drawnFor !== job.ModifiedTime) {
      drawTimeline(job.ExtendOutput);
      drawnFor = job.ModifiedTime;
    }
    document.getElementById('stage-rows').replaceChildren(...Object.entries(job.StageDurations || {})
      .map(([stage, seconds]) => el('tr', {}, el('td', {}, stage), el('td', {}, `${seconds.toFixed(2)} s`))));
    document.getElementById('callback-rows').replaceChildren(...(job.CallbackAttempts || []).map(a =>
      el('tr', {}, el('td', {}, a.Time), el('td', {}, a.Channel), el('td', {}, a.Outcome), el('td', {}, a.Detail || ''))));
    if (ENDED.includes(job.Status)) {
      await showOutputs(job);
    }
    // Keep watching a little after the end: the callback attempts come in afterwards.
    return !ENDED.includes(job.Status) || (job.CallbackAttempts || []).length === 0;
  }, 1000);
}

async function showOutputs(job) {
  const outputs = document.getElementById('outputs');
  if (outputs.childElementCount === (job.SubJobList || []).length) {
    return;
  }
  const figures = [];
  for (const sub of job.SubJobList) {
    const video = el('video', {controls: '', preload: 'metadata', src: await filesUrl('GET', {url: sub.MediaURL})});
    renewOnError(video, sub.MediaURL);
    const caption = el('figcaption', {}, `${sub.MediaURL} · ${sub.Duration ?? '?'} s · ${sub.Status}`);
    if (sub.CaptionsURL) {
      // An output with a WebVTT file has the same captions burned into its picture: the track is a choice, off
      // by default (hidden: loaded, not drawn), or the player would draw the captions a second time over them.
      const track = el('track', {kind: 'captions', label: 'Captions (WebVTT)',
        src: await filesUrl('GET', {url: sub.CaptionsURL})});
      video.append(track);
      track.track.mode = 'hidden';
      const toggle = el('input', {type: 'checkbox', class: 'captions-toggle'});
      toggle.addEventListener('change', () => { track.track.mode = toggle.checked ? 'showing' : 'hidden'; });
      caption.append(el('br'), el('label', {}, toggle, ' Also show the WebVTT captions (already in the picture)'));
    }
    figures.push(el('figure', {}, video, caption));
  }
  outputs.replaceChildren(...figures);
}

// The timeline: crowd loudness (line) and excitement (shaded) over the game, shot boundaries and transitions,
// replays and registered players, and each output's clips on its own row.
function drawTimeline(timeline) {
  const canvas = document.querySelector('#timeline canvas');
  const g = canvas.getContext('2d');
  const width = canvas.width, height = canvas.height, left = 40, right = 10, curveTop = 10, curveHeight = 130;
  const x = t => left + (width - left - right) * t / timeline.Duration;
  g.clearRect(0, 0, width, height);
  g.font = '11px system-ui';

  // Loudness, dBFS from -60 (bottom) to 0 (top).
  const db = timeline.Loudness.Db, step = timeline.Loudness.WindowSeconds;
  const y = v => curveTop + curveHeight * (1 - (Math.max(-60, Math.min(0, v)) + 60) / 60);
  g.strokeStyle = '#14324a';
  g.beginPath();
  db.forEach((v, i) => (i === 0 ? g.moveTo(x(i * step), y(v)) : g.lineTo(x(i * step), y(v))));
  g.stroke();
  g.fillStyle = '#555';
  g.fillText('0 dB', 2, y(0) + 4);
  g.fillText('-60', 2, y(-60));

  // Crowd excitement above the arena's own baseline, 0 to 30 dB, as a shaded area.
  if (timeline.Excitement) {
    const ex = timeline.Excitement.Db, exStep = timeline.Excitement.WindowSeconds;
    const ey = v => curveTop + curveHeight * (1 - Math.max(0, Math.min(30, v)) / 30);
    g.fillStyle = 'rgba(245, 166, 35, 0.35)';
    g.beginPath();
    g.moveTo(x(0), ey(0));
    ex.forEach((v, i) => g.lineTo(x(i * exStep), ey(v)));
    g.lineTo(x(ex.length * exStep), ey(0));
    g.closePath();
    g.fill();
  }

  // Fades and dissolves, shaded.
  g.fillStyle = 'rgba(47, 128, 237, 0.15)';
  for (const t of timeline.Transitions || []) {
    g.fillRect(x(t.Start), curveTop, Math.max(2, x(t.End) - x(t.Start)), curveHeight);
  }

  // Slow-motion replays (found by the registered replay logos), shaded and labelled.
  const replays = timeline.Replays || [];
  for (const r of replays) {
    g.fillStyle = 'rgba(155, 81, 224, 0.25)';
    g.fillRect(x(r.Start), curveTop, Math.max(2, x(r.End) - x(r.Start)), curveHeight);
    g.fillStyle = '#6a2ea8';
    g.fillText('replay', x(r.Start) + 2, curveTop + 10);
  }

  // Registered players: where each was seen, as ticks with the name above the curve.
  const players = timeline.Players || [];
  g.fillStyle = '#1f6f43';
  for (const player of players) {
    for (const seen of player.Seen) {
      g.fillRect(x(seen.Start), curveTop + curveHeight - 6, Math.max(3, x(seen.End) - x(seen.Start)), 6);
      g.fillText(player.Name, x(seen.Start), curveTop + curveHeight - 9);
    }
  }

  // Shot boundaries.
  g.strokeStyle = '#c8ccd1';
  for (const shot of timeline.Shots.slice(1)) {
    g.beginPath();
    g.moveTo(x(shot.Start), curveTop);
    g.lineTo(x(shot.Start), curveTop + curveHeight);
    g.stroke();
  }

  // Chosen clips, one row per output.
  const outputs = [...new Set(timeline.Clips.map(c => c.Output))].sort((a, b) => a - b);
  const rowTop = curveTop + curveHeight + 15, rowHeight = Math.min(22, (height - rowTop - 20) / Math.max(1, outputs.length));
  outputs.forEach((output, row) => {
    g.fillStyle = '#555';
    g.fillText(`#${output}`, 2, rowTop + row * rowHeight + rowHeight * 0.7);
    g.fillStyle = OUTPUT_COLOURS[output % OUTPUT_COLOURS.length];
    timeline.Clips.filter(c => c.Output === output).forEach(c =>
      g.fillRect(x(c.Start), rowTop + row * rowHeight + 2, Math.max(2, x(c.End) - x(c.Start)), rowHeight - 4));
  });

  // Time axis.
  g.fillStyle = '#555';
  for (let t = 0; t <= timeline.Duration; t += Math.max(1, Math.ceil(timeline.Duration / 10))) {
    g.fillText(`${t}s`, x(t) - 6, height - 4);
  }
  canvas.dataset.drawn = 'true';
  canvas.dataset.replays = String(replays.length);
  canvas.dataset.players = players.map(p => p.Name).join(',');

  document.getElementById('timeline-warnings').replaceChildren(...(timeline.Warnings || []).map(w => el('li', {}, w)));

  document.getElementById('clip-reasons').replaceChildren(...timeline.Clips.map(c => el('li', {},
    `Output ${c.Output}: ${c.Start.toFixed(2)}–${c.End.toFixed(2)} s — ${c.Reason || 'chosen'}`)));
}

// Dead letters, with replay. Only operator keys may see them; any other key is told so once.
function showDeadLetters() {
  show('dead-letters');
  const message = document.getElementById('dead-letters-message');
  message.textContent = '';
  repeat(async () => {
    for (const queue of ['Jobs', 'Callbacks']) {
      let answer;
      try {
        answer = await rpc('ListDeadLetters', {Queue: queue});
      } catch (e) {
        message.textContent = e.message;
        return !e.message.startsWith('Forbidden.NoPermission');
      }
      document.getElementById(`dead-${queue}`).replaceChildren(...answer.DeadLetters.map(letter => {
        const replay = el('button', {}, 'Replay');
        replay.onclick = () => rpc('ReplayDeadLetter', {Queue: queue, MessageId: letter.MessageId})
          .then(showDeadLetters).catch(e => alert(e.message));
        return el('tr', {}, el('td', {}, letter.MessageId), el('td', {}, el('a', {href: `#/job/${letter.JobId}`}, letter.JobId)),
          el('td', {}, letter.OriginalQueue), el('td', {}, letter.SentTime), el('td', {}, replay));
      }));
    }
    message.textContent = '';
  }, 5000);
}

function route() {
  if (!accessKey()) {
    signIn();
    return;
  }
  const hash = location.hash || '#/jobs';
  const job = hash.match(/^#\/job\/([0-9a-f]{32})$/);
  if (job) {
    showJob(job[1]);
  } else if (hash === '#/submit') {
    showSubmit();
  } else if (hash === '#/dead-letters') {
    showDeadLetters();
  } else {
    showJobs();
  }
}

document.getElementById('submit-form').addEventListener('submit', submit);
document.getElementById('sign-in-form').addEventListener('submit', signInSubmitted);
document.getElementById('sign-out').addEventListener('click', event => {
  event.preventDefault();
  sessionStorage.removeItem(KEY_STORE);
  signIn('Signed out.');
});
window.addEventListener('hashchange', route);
route();
