/*
 * The one script a message body document runs: it reports the document's size to the reading pane,
 * which makes the frame exactly as tall as the mail (one scroll) and scales wide mail down to the pane.
 * It sends only numbers, to the parent only, and takes itself out of the DOM so the document holds no
 * <script> element at all once it has started.
 *
 * Two ways to admit it: the body route's documents carry a fresh nonce; an inline (srcdoc) body cannot
 * (a srcdoc frame inherits the page's CSP, whose nonce the server building the JSON never sees), so it
 * is admitted by its hash, which the page CSP (proxy.ts) and the srcdoc's own CSP both list. Change a
 * byte of the script and the hash below must change too (body-frame-script.test.ts checks it).
 */
export const SIZE_SCRIPT = `(function(){var me=document.currentScript;if(me)me.remove();var last="";function send(){var d=document.documentElement,b=document.body;if(!b)return;var h=Math.ceil(d.getBoundingClientRect().height),w=Math.ceil(Math.max(d.scrollWidth,b.scrollWidth));var k=h+"x"+w;if(k===last)return;last=k;if(parent!==window)parent.postMessage({type:"mailroom-body-size",height:h,width:w},"*")}if(window.ResizeObserver){var o=new ResizeObserver(send);o.observe(document.documentElement);o.observe(document.body)}addEventListener("load",send);send()})();`;

/** CSP source for SIZE_SCRIPT: sha256 of its UTF-8 bytes, base64. */
export const SIZE_SCRIPT_HASH = "'sha256-2qraLdaqWwI+JDt8afshfh8H8zcAsfScu+8carYdUVk='";
