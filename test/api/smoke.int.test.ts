import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';

describe('smoke', () => {
  const api = useTestApi();
  it('registers an operator', async () => {
    const { key } = await api.key('Smoke Trading', 'operator', 'operator');
    const res = await api.request(key, {
      method: 'POST',
      url: '/v1/operators',
      payload: {
        uscc: '91130600MA0CTEST0X',
        customsCode: '1306960ABC',
        nameZh: '白沟测试贸易有限公司',
        nameEn: 'Baigou Test Trading Co., Ltd.',
        contactName: '张三',
        contactPhone: '13800000000',
        address: '河北省保定市白沟新城',
      },
    });
    console.log(res.statusCode, res.body);
    const doc = await api.request(key, { method: 'GET', url: '/openapi.json' });
    console.log(doc.statusCode, doc.body.slice(0, 300));
    const ready = await api.request(null, { method: 'GET', url: '/readyz' });
    console.log(ready.statusCode, ready.body);
    expect(ready.statusCode).toBe(200);
  });
});
